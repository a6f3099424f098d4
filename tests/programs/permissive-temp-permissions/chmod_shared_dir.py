# Shape: a temporary directory opened up with os.chmod(d, 0o777) and a file
# created with os.open(..., 0o666); the (unsafe) fix narrows both to the owner.
# The program only uses the files itself, so its output stays the same.
import os
import shutil
import tempfile


def main():
    work = tempfile.mkdtemp()
    try:
        os.chmod(work, 0o777)
        path = os.path.join(work, "data.txt")
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o666)
        os.write(fd, b"hello")
        os.close(fd)
        with open(path) as f:
            print(f.read())
        print(sorted(os.listdir(work)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


main()
