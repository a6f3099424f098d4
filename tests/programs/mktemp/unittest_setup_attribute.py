# expect-clean-after-fix
# Shape: `self.configfile = tempfile.mktemp()` in setUp; the tests write and read it, tearDown
# removes only the socket of another attribute, so before the fix every test leaves files in
# $TMPDIR. The fix: a name in a fresh mkdtemp() directory, removed by self.addCleanup().
import io
import os
import socket
import tempfile
import unittest


class ConfigTests(unittest.TestCase):
    def setUp(self):
        self.configfile = tempfile.mktemp()
        self.sock = tempfile.mktemp(suffix=".sock")

    def tearDown(self):
        if os.path.exists(self.sock):
            os.unlink(self.sock)

    def test_write_then_read(self):
        with open(self.configfile, "w") as f:
            f.write("answer 42\n")
        with open(self.configfile) as f:
            print("read:", f.read().strip())

    def test_socket(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(self.sock)
        s.listen(1)
        print("exists:", os.path.exists(self.sock))
        s.close()


suite = unittest.defaultTestLoader.loadTestsFromTestCase(ConfigTests)
result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)
print("ran:", result.testsRun, "failures:", len(result.failures), "errors:", len(result.errors))
