# a = b = mktemp() keeps both names.
import os
import tempfile


# expect: TMP001 safe
def both_names():
    a = b = tempfile.mktemp()
    with open(a, "w") as f:
        f.write("x")
    with open(b) as f:
        print(f.read())
    os.remove(b)


# expect: TMP001 safe
def both_names_dir():
    src = dst = tempfile.mktemp()
    os.mkdir(src)
    print(os.listdir(dst))
