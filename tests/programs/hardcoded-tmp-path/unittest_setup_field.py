# Shape: setUp stores `os.path.join(tmpdir, "tempsafe_policy")` on self, with `tmpdir` bound to
# `tempfile.gettempdir()` and also handed to an object as a bare directory; a test writes and
# reads the file through the field and tearDown removes it. The tests are run programmatically
# and only wasSuccessful()/testsRun are printed.
# Expected fix: the field's directory part becomes a fresh `tempfile.mkdtemp()` registered with
# `self.addCleanup(shutil.rmtree, ...)`, which runs after tearDown; `tmpdir` stays.
import io
import os
import tempfile
import unittest


class Env:
    def __init__(self, path):
        self.path = path


def create_file(path, data=""):
    with open(path, "w") as f:
        f.write(data)


class PolicyTest(unittest.TestCase):
    def setUp(self):
        tmpdir = os.path.realpath(tempfile.gettempdir())
        self.env = Env(tmpdir)
        self.policy = os.path.join(tmpdir, "tempsafe_policy")
        create_file(self.policy)

    def tearDown(self):
        os.remove(self.policy)

    def test_policy_written(self):
        create_file(self.policy, "[groups]\nadmins = a, b\n")
        with open(self.policy) as f:
            self.assertEqual(f.read().splitlines()[1], "admins = a, b")
        self.assertTrue(os.path.isdir(self.env.path))

    def test_policy_empty(self):
        self.assertEqual(os.path.getsize(self.policy), 0)


if __name__ == "__main__":
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(PolicyTest)
    result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)
    print("successful:", result.wasSuccessful())
    print("tests run:", result.testsRun)
