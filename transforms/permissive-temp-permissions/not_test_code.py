# The same shapes outside a test module (no TestCase class, no pytest
# tests): the program may share the file on purpose, the fix stays unsafe.
import os
import subprocess
import tempfile


# expect: TMP004 unsafe(sharing-intended)
class FilterTests:
    def make_script(self):
        fd, path = tempfile.mkstemp(suffix=".py")
        os.close(fd)
        os.chmod(path, 0o755)
        return path


# expect: TMP004 unsafe(sharing-intended)
def test_without_pytest():
    d = tempfile.mkdtemp()
    os.chmod(d, 0o755)
    subprocess.run(["ls", d])


# expect: TMP004 unsafe
def saved_and_restored_umask():
    d = tempfile.mkdtemp()
    old = os.umask(0)
    try:
        open(os.path.join(d, "x"), "w").close()
    finally:
        os.umask(old)
