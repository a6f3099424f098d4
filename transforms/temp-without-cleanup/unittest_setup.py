import shutil
import tempfile
import unittest


# expect: TMP003 safe
class WithoutTearDown(unittest.TestCase):
    def setUp(self):
        self.test_dir = tempfile.mkdtemp(prefix="test_ciris_")

    def test_something(self):
        self.assertTrue(self.test_dir)


# ok
class WithTearDown(unittest.TestCase):
    # The guide's unit-test example: already cleaned up.
    def setUp(self):
        # Create test-specific temp directory
        self.test_dir = tempfile.mkdtemp(prefix='test_ciris_')

    def tearDown(self):
        # Clean up
        shutil.rmtree(self.test_dir, ignore_errors=True)


# expect: TMP003 safe
class WithDirectoryObject(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def test_it(self):
        self.assertTrue(self.tmp.name)
