# Shape: a unittest.TestCase method that writes
# `os.path.join(tempfile.gettempdir(), "tempsafe_unit_gtd.txt")`, reads it back and asserts on
# it; the tests are run programmatically and only wasSuccessful()/testsRun are printed. The
# original leaves the file behind in $TMPDIR.
# Expected fix: a fresh `tempfile.mkdtemp()` directory with
# `self.addCleanup(shutil.rmtree, <dir>, ignore_errors=True)`: nothing left after the fix.
# expect-clean-after-fix
import io
import os
import tempfile
import unittest


class ReportTest(unittest.TestCase):
    def test_report_written(self):
        report = os.path.join(tempfile.gettempdir(), "tempsafe_unit_gtd.txt")
        with open(report, "w") as f:
            f.write("ok: 3\nfailed: 0\n")
        with open(report) as f:
            lines = f.read().splitlines()
        self.assertEqual(lines, ["ok: 3", "failed: 0"])
        self.assertEqual(os.path.getsize(report), 16)

    def test_unrelated(self):
        self.assertEqual(sorted("cab"), ["a", "b", "c"])


if __name__ == "__main__":
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(ReportTest)
    result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)
    print("successful:", result.wasSuccessful())
    print("tests run:", result.testsRun)
