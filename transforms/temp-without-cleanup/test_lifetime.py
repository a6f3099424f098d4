# In a unittest method, what the test makes dies when the test ends: a
# temporary directory or file handed to the objects under test is removed
# by `self.addCleanup()` right after it is made.
import os
import tempfile
import unittest


class Repo:
    def __init__(self, path):
        self.path = path


# expect: TMP003 safe
class HandedToTheCodeUnderTest(unittest.TestCase):
    def setUp(self):
        temp_dir = tempfile.mkdtemp()
        self.repo = Repo(os.path.join(temp_dir, "main"))


# expect: TMP003 safe
class FileRemovedByTheTest(unittest.TestCase):
    def test_hook(self):
        # Removed by the hook when the test passes: the cleanup must
        # accept that it is gone.
        fd, path = tempfile.mkstemp()
        os.close(fd)
        run_hook("rm " + path)  # noqa: F821


# expect: TMP003 no-fix(escapes)
class NotATest:
    def make(self):
        temp_dir = tempfile.mkdtemp()
        return Repo(temp_dir)


class Store:
    def __init__(self, root):
        self.root = root

    def put(self, name):
        with open(os.path.join(self.root, name), "w") as f:
            f.write("x")


# expect: TMP003 no-fix(escapes)
class KeepsAStore:
    def open(self):
        # The store outlives the method: a `finally` here would remove its
        # directory while it is still in use.
        root = tempfile.mkdtemp()
        self.store = Store(root)
