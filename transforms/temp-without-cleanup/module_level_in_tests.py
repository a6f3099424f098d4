# A directory made at module level lives as long as the process: in a test
# module, removing it at exit (`atexit`) changes nothing the tests see.
# One the module already removes (tearDownModule) is not a finding.
import os
import shutil
import tempfile
import unittest

# expect: TMP003 safe
WORK_DIR = tempfile.mkdtemp(prefix="work_")

# ok
REMOVED_DIR = tempfile.mkdtemp()

# Bound twice: the removal registered for one would not name the other.
# expect: TMP003 no-fix(module-level), TMP003 no-fix(module-level)
TWICE = tempfile.mkdtemp()
TWICE = tempfile.mkdtemp()

# A file and its descriptor: no directory to remove at exit.
# expect: TMP003 no-fix(module-level)
fd, MODULE_FILE = tempfile.mkstemp()


def tearDownModule():
    shutil.rmtree(REMOVED_DIR, ignore_errors=True)


# ok
class WorkTest(unittest.TestCase):
    def test_write(self):
        with open(os.path.join(WORK_DIR, "a.txt"), "w") as f:
            f.write("x")
        self.assertTrue(os.path.exists(os.path.join(REMOVED_DIR)))
        self.assertTrue(os.path.isdir(TWICE))
        os.close(fd)
        os.remove(MODULE_FILE)
