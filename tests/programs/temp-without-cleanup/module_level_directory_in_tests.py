# A test module makes one working directory at import (luigi's remote_scheduler_test,
# salt's raft tests) and never removes it; its tests write inside it. The tests are run
# programmatically and only wasSuccessful()/testsRun are printed.
# Expected fix: `atexit.register(shutil.rmtree, WORK_DIR, ignore_errors=True)` right after
# the assignment: the directory goes when the process exits, after every test ran.
# expect-clean-after-fix
import io
import os
import tempfile
import unittest

WORK_DIR = tempfile.mkdtemp(prefix="module_work_")


class WorkTest(unittest.TestCase):
    def test_write(self):
        with open(os.path.join(WORK_DIR, "a.txt"), "w") as f:
            f.write("x")
        self.assertTrue(os.path.exists(os.path.join(WORK_DIR, "a.txt")))

    def test_listed(self):
        self.assertTrue(os.path.isdir(WORK_DIR))


if __name__ == "__main__":
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(WorkTest)
    result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)
    print("successful:", result.wasSuccessful())
    print("tests run:", result.testsRun)
