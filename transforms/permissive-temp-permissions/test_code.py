# A test module (it defines a TestCase): a private temporary file or
# directory that the function made itself, made executable for the test's
# own processes (same user), needs only the owner bits, so the fix is safe.
# Paths the function did not make itself and code that acts for other users
# keep the unsafe fix (sharing-intended); so do modes that a test may set on
# purpose: read back, or more than executable (mode-under-test).
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from contextlib import contextmanager
from pathlib import Path

SHARED = tempfile.mkdtemp()


# expect: TMP004 safe
class ScriptHelper(unittest.TestCase):
    def _make_script(self):
        fd, path = tempfile.mkstemp(suffix=".py")
        os.write(fd, b"print('hi')\n")
        os.close(fd)
        os.chmod(path, 0o755)
        return path


# expect: TMP004 safe
class NamedFile(unittest.TestCase):
    def test_run_script(self):
        with tempfile.NamedTemporaryFile(suffix=".py", delete=False) as f:
            f.write(b"print('hi')\n")
            path = f.name
        self.addCleanup(os.unlink, path)
        os.chmod(path, 0o755)
        subprocess.run([sys.executable, path], check=True)


# expect: TMP004 safe
@contextmanager
def passthrough_filter():
    with tempfile.NamedTemporaryFile(suffix=".py", delete=False) as f:
        f.write(b"import sys\n")
        path = f.name
    try:
        os.chmod(path, 0o755)
        yield path
    finally:
        os.unlink(path)


# expect: TMP004 safe, TMP004 safe, TMP004 safe, TMP004 safe
class InsideOwnDirectory(unittest.TestCase):
    def test_tree(self):
        d = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, d)
        os.chmod(d, 0o755)
        os.chmod(os.path.join(d, "bin", "run.sh"), 0o755)
        (Path(d) / "hook").chmod(0o711)
        os.chmod(tempfile.mkstemp(dir=d)[1], 0o755)


# expect: TMP004 unsafe(mode-under-test), TMP004 unsafe(mode-under-test), TMP004 unsafe(mode-under-test), TMP004 unsafe(mode-under-test)
class MoreThanExecutable(unittest.TestCase):
    def test_insecure_files(self):
        d = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, d)
        os.chmod(d, 0o777)
        os.mkdir(os.path.join(d, "sub"), 0o777)
        (Path(d) / "key").touch(mode=0o644)
        os.chmod(os.path.join(d, "tool"), 0o4755)


# expect: TMP004 safe
class NestedHelper(unittest.TestCase):
    def test_nested(self):
        def make():
            fd, path = tempfile.mkstemp()
            os.close(fd)
            os.chmod(path, 0o755)
            return path

        os.unlink(make())


# expect: TMP004 unsafe(mode-under-test)
class ReadsTheModeBack(unittest.TestCase):
    def test_mode_kept(self):
        fd, path = tempfile.mkstemp()
        os.close(fd)
        os.chmod(path, 0o755)
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o755)


# expect: TMP004 unsafe(mode-under-test)
class ReadsTheModeBackInAnotherMethod(unittest.TestCase):
    def _mode(self, path):
        return Path(path).stat().st_mode

    def test_mode_kept(self):
        fd, path = tempfile.mkstemp()
        os.close(fd)
        os.chmod(path, 0o644)
        self.assertEqual(self._mode(path) & 0o777, 0o644)


# expect: TMP004 unsafe(sharing-intended), TMP004 unsafe(sharing-intended)
class OtherUsers(unittest.TestCase):
    def test_chown(self):
        d = tempfile.mkdtemp()
        os.chmod(d, 0o755)
        os.chown(d, 65534, -1)

    def test_run_as_nobody(self):
        fd, path = tempfile.mkstemp()
        os.close(fd)
        os.chmod(path, 0o755)
        subprocess.run(["sudo", "-u", "nobody", path])


# expect: TMP004 unsafe(sharing-intended)
class RunsAsAnotherUser(unittest.TestCase):
    def test_user(self):
        fd, path = tempfile.mkstemp()
        os.close(fd)
        os.chmod(path, 0o755)
        subprocess.run([path], user="nobody")


# expect: TMP004 unsafe(sharing-intended), TMP004 unsafe(sharing-intended), TMP004 unsafe(sharing-intended), TMP004 unsafe(sharing-intended), TMP004 unsafe(sharing-intended)
class NotMadeHere(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp()

    def test_paths(self, given="/tmp/given"):
        os.chmod(SHARED, 0o777)
        os.chmod(self.root, 0o777)
        os.chmod(os.path.join(tempfile.gettempdir(), "x"), 0o755)
        os.chmod("/tmp/fixed", 0o755)
        os.chmod(tempfile.mktemp(), 0o755)


# expect: TMP004 unsafe(sharing-intended), TMP004 unsafe(sharing-intended), TMP004 unsafe(sharing-intended)
class EscapesOrRebound(unittest.TestCase):
    def test_paths(self, other):
        d = tempfile.mkdtemp()
        os.chmod(os.path.join(d, "..", "x"), 0o777)
        os.chmod(os.path.join(d, "/srv/x"), 0o777)
        path = tempfile.mkstemp()[1]
        if other:
            path = other
        os.chmod(path, 0o755)


# ok
class OwnerOnly(unittest.TestCase):
    def test_private(self):
        fd, path = tempfile.mkstemp()
        os.close(fd)
        os.chmod(path, 0o700)
