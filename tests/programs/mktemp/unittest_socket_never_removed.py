# expect-clean-after-fix
# Shape: a unittest method binds an AF_UNIX socket at `tempfile.mktemp()` and never removes it
# (before the fix, every run leaves the socket in $TMPDIR). The fix puts the name in a fresh
# `mkdtemp()` directory (made before the statement when the name is passed on at once) and registers `self.addCleanup(shutil.rmtree, ...)`, so the test's
# behaviour is the same and nothing is left after it, even when the test fails half-way.
import io
import os
import socket
import stat
import tempfile
import unittest


def bind_at(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(path)
    s.close()
    return os.path.exists(path)


class SocketTests(unittest.TestCase):
    def test_passed_on(self):
        print("bound:", bind_at(tempfile.mktemp(suffix=".sock")))

    def test_bind(self):
        path = tempfile.mktemp(suffix=".sock")
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(path)
        print("is socket:", stat.S_ISSOCK(os.stat(path).st_mode))
        print("suffix ok:", path.endswith(".sock"))
        s.close()

    def test_fails_half_way(self):
        path = tempfile.mktemp(suffix=".sock")
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(path)
        s.close()
        self.fail("expected")


suite = unittest.defaultTestLoader.loadTestsFromTestCase(SocketTests)
result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)
print("ran:", result.testsRun, "failures:", len(result.failures), "errors:", len(result.errors))
