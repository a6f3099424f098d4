# Shape: luigi's test_sigpipe. setUp writes a shell script to a fixed /tmp path, the tests run
# it with `sh` (one from a nested function), check that it exists, and tearDown removes it;
# a second TestCase writes a different script to the same path. The tests are run
# programmatically and only wasSuccessful()/testsRun are printed.
# Expected fix: each class's setUp makes a fresh `tempfile.mkdtemp()` directory on
# `self.temp_dir`, registered with `self.addCleanup(shutil.rmtree, ...)` (which runs after
# tearDown), and every copy of the path in the class, the command arguments too, moves into it.
import io
import os
import subprocess
import unittest


def remove_stale(name):
    # Undo an earlier run of the unfixed program so that runs repeat; spelled without a "/tmp"
    # literal so that the fix leaves this helper alone.
    stale = os.path.join(os.sep, "tmp", name)
    if os.path.exists(stale):
        os.remove(stale)


class ScriptTest(unittest.TestCase):
    def setUp(self):
        with open("/tmp/tempsafe_script.sh", "w") as f:
            f.write("echo hello\n")

    def tearDown(self):
        os.remove("/tmp/tempsafe_script.sh")

    def test_runs(self):
        out = subprocess.check_output(["sh", "/tmp/tempsafe_script.sh"])
        self.assertEqual(out, b"hello\n")

    def test_in_a_closure(self):
        def run():
            return subprocess.check_output(["sh", "/tmp/tempsafe_script.sh"])

        self.assertEqual(run(), b"hello\n")

    def test_exists(self):
        self.assertTrue(os.path.exists("/tmp/tempsafe_script.sh"))


class FailingScriptTest(unittest.TestCase):
    def setUp(self):
        with open("/tmp/tempsafe_script.sh", "w") as f:
            f.write("exit 3\n")

    def tearDown(self):
        os.remove("/tmp/tempsafe_script.sh")

    def test_fails(self):
        self.assertEqual(subprocess.call(["sh", "/tmp/tempsafe_script.sh"]), 3)


if __name__ == "__main__":
    remove_stale("tempsafe_script.sh")
    loader = unittest.defaultTestLoader
    suite = unittest.TestSuite(
        [loader.loadTestsFromTestCase(ScriptTest), loader.loadTestsFromTestCase(FailingScriptTest)]
    )
    result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)
    print("successful:", result.wasSuccessful())
    print("tests run:", result.testsRun)
    print("left in /tmp:", os.path.exists(os.path.join(os.sep, "tmp", "tempsafe_script.sh")))
