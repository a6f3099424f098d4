# A test that saves the umask and sets it back, around the code it checks:
# the mask is the fixture under test (the modes a shared repository gets
# under umask 0), so it is not reported; 0o077 would change what it checks.
import os
import shutil
import tempfile
import unittest


def check_modes(path, mode):
    assert os.stat(path).st_mode & 0o777 == mode


# ok
class RestoredByTheClass(unittest.TestCase):
    def setUp(self):
        super().setUp()
        self._orig_umask = os.umask(0o022)

    def tearDown(self):
        os.umask(self._orig_umask)
        super().tearDown()

    def test_shared_all(self):
        tmp_dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp_dir)
        os.umask(0)
        path = os.path.join(tmp_dir, "x")
        open(path, "w").close()
        check_modes(path, 0o666)


# ok
class RestoredHere(unittest.TestCase):
    def test_finally(self):
        tmp_dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp_dir)
        old = os.umask(0)
        try:
            os.mkdir(os.path.join(tmp_dir, "d"))
        finally:
            os.umask(old)

    def test_cleanup(self):
        tmp_dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp_dir)
        old = os.umask(0o002)
        self.addCleanup(os.umask, old)
        os.mkdir(os.path.join(tmp_dir, "d"))


# expect: TMP004 unsafe
class NeverRestored(unittest.TestCase):
    def test_leaks_the_umask(self):
        tmp_dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp_dir)
        os.umask(0)
        os.mkdir(os.path.join(tmp_dir, "d"))


# expect: TMP004 unsafe
class SavedButNotRestored(unittest.TestCase):
    def setUp(self):
        self._orig_umask = os.umask(0o022)

    def test_shared_all(self):
        tmp_dir = tempfile.mkdtemp()
        os.umask(0)
        shutil.rmtree(tmp_dir)
