# Shape: a unittest.TestCase method that writes the hardcoded "/tmp/tempsafe_unit.txt", reads it
# back and asserts on it; the tests are run programmatically and only wasSuccessful()/testsRun
# are printed. The original leaves /tmp/tempsafe_unit.txt behind (nothing in $TMPDIR).
# Expected fix: a file in a fresh `tempfile.mkdtemp()` directory, with
# `self.addCleanup(shutil.rmtree, <dir>, ignore_errors=True)` (the design's unittest shape).
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


class ReportTest(unittest.TestCase):
    def test_report_written(self):
        with open("/tmp/tempsafe_unit.txt", "w") as f:
            f.write("ok: 3\nfailed: 0\n")
        with open("/tmp/tempsafe_unit.txt") as f:
            lines = f.read().splitlines()
        self.assertEqual(lines, ["ok: 3", "failed: 0"])
        self.assertEqual(os.path.getsize("/tmp/tempsafe_unit.txt"), 16)

    def test_unrelated(self):
        self.assertEqual(sorted("cab"), ["a", "b", "c"])


if __name__ == "__main__":
    remove_stale("tempsafe_unit.txt")
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(ReportTest)
    result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)
    print("successful:", result.wasSuccessful())
    print("tests run:", result.testsRun)
