# A test class whose `setUp` replaces a function the code under test calls
# (`subprocess.Popen = DummyPopen`, `patch("subprocess.Popen").start()`):
# a path that reaches only that function, through the package's own code and
# a list of arguments, never reaches a file system in its tests.
import subprocess
import unittest
from unittest import mock


# ok
class Vendor:
    def run_command(self, host, key_filename=None):
        args = ["ssh", "-x"]
        if key_filename:
            args.extend(["-i", str(key_filename)])
        args.append(host)
        return subprocess.Popen([*args, "git-upload-pack"])


# ok
class DummyPopen:
    def __init__(self, *args, **kwargs):
        self.args = args


# ok
class AssignedInSetUp(unittest.TestCase):
    def setUp(self):
        self._orig_popen = subprocess.Popen
        subprocess.Popen = DummyPopen

    def tearDown(self):
        subprocess.Popen = self._orig_popen

    def test_key(self):
        vendor = Vendor()
        proc = vendor.run_command("host", key_filename="/tmp/id_rsa")
        self.assertEqual(proc.args[0][-2], "/tmp/id_rsa")

    def test_key_in_assert_raises(self):
        vendor = Vendor()
        self.assertRaises(TypeError, vendor.run_command, "h", key_filename="/tmp/id_rsa", x=1)


# ok
class PatchedInSetUp(unittest.TestCase):
    def setUp(self):
        patcher = mock.patch("subprocess.Popen")
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_key(self):
        Vendor().run_command("host", key_filename="/tmp/id_rsa")


# expect: TMP002 no-fix(passed-on)
class NotPatched(unittest.TestCase):
    def test_key(self):
        Vendor().run_command("host", key_filename="/tmp/id_rsa")


# expect: TMP002 no-fix(passed-on)
class PatchesSomethingElse(unittest.TestCase):
    def setUp(self):
        subprocess.call = DummyPopen

    def test_key(self):
        Vendor().run_command("host", key_filename="/tmp/id_rsa")
