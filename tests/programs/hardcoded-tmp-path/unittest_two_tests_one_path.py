# Shape: two unittest.TestCase methods that each write the same hardcoded path
# (tempsafe_shared.log under /tmp) and assert on it; neither reads what the other left. The tests are
# run programmatically and only wasSuccessful()/testsRun are printed. The original leaves the
# file behind in /tmp (nothing in $TMPDIR).
# Expected fix: each test gets its own fresh `tempfile.mkdtemp()` directory, removed by
# `self.addCleanup()` (the same literal in two tests is not data handed between them).
import io
import os
import shutil
import unittest


def remove_stale(name):
    # Undo an earlier run of the unfixed program so that runs repeat; spelled without a "/tmp"
    # literal so that the fix leaves this helper alone.
    stale = os.path.join(os.sep, "tmp", name)
    if os.path.isdir(stale):
        shutil.rmtree(stale)
    elif os.path.exists(stale):
        os.remove(stale)


class SharedNameTest(unittest.TestCase):
    def test_short_log(self):
        with open("/tmp/tempsafe_shared.log", "w") as f:
            f.write("x")
        self.assertEqual(os.path.getsize("/tmp/tempsafe_shared.log"), 1)

    def test_long_log(self):
        with open("/tmp/tempsafe_shared.log", "w") as f:
            f.write("xyz")
        with open("/tmp/tempsafe_shared.log") as f:
            self.assertEqual(f.read(), "xyz")


if __name__ == "__main__":
    remove_stale("tempsafe_shared.log")
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(SharedNameTest)
    result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)
    print("successful:", result.wasSuccessful())
    print("tests run:", result.testsRun)
