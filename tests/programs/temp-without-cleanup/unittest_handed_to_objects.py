# expect-clean-after-fix
# Shape: a unittest setUp makes a mkdtemp() directory and hands it to the object under test,
# and a test makes a mkstemp() file that a "hook" removes only when the test passes. Nothing
# else removes them, so before the fix every run leaves both in $TMPDIR. The fix registers
# self.addCleanup() right after each is made (the file's only if it is still there).
import io
import os
import tempfile
import unittest


class Store:
    def __init__(self, root):
        self.root = root
        os.makedirs(os.path.join(root, "objects"))

    def put(self, name, data):
        with open(os.path.join(self.root, "objects", name), "w") as f:
            f.write(data)


def run_hook(path, succeed):
    if succeed:
        os.remove(path)


class StoreTests(unittest.TestCase):
    def setUp(self):
        temp_dir = tempfile.mkdtemp()
        self.store = Store(temp_dir)

    def test_put(self):
        self.store.put("a", "1")
        print("objects:", os.listdir(os.path.join(self.store.root, "objects")))

    def test_hook_fails(self):
        fd, path = tempfile.mkstemp()
        os.close(fd)
        run_hook(path, succeed=False)
        print("left for the hook:", os.path.exists(path))

    def test_hook_passes(self):
        fd, path = tempfile.mkstemp()
        os.close(fd)
        run_hook(path, succeed=True)
        print("removed by the hook:", not os.path.exists(path))


suite = unittest.defaultTestLoader.loadTestsFromTestCase(StoreTests)
result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)
print("ran:", result.testsRun, "failures:", len(result.failures), "errors:", len(result.errors))
