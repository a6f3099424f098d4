# Shape: a unittest.TestCase whose `setUp` stores `self.test_dir = tempfile.mkdtemp()` and that
# has no `tearDown`; the tests are run programmatically. Leaks one directory per test (two).
# Expected fix: `self.addCleanup(shutil.rmtree, self.test_dir, ignore_errors=True)` right after
# the assignment in `setUp` (and `import shutil`).
# expect-clean-after-fix
import io
import os
import tempfile
import unittest


class ConfigWriterTest(unittest.TestCase):
    def setUp(self):
        self.test_dir = tempfile.mkdtemp(prefix="test_cfg_")

    def test_writes_file(self):
        path = os.path.join(self.test_dir, "app.ini")
        with open(path, "w") as f:
            f.write("[app]\nname = demo\n")
        self.assertEqual(os.path.getsize(path), 22)

    def test_starts_empty(self):
        self.assertEqual(os.listdir(self.test_dir), [])


if __name__ == "__main__":
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(ConfigWriterTest)
    result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)
    print("successful:", result.wasSuccessful())
    print("tests run:", result.testsRun)
