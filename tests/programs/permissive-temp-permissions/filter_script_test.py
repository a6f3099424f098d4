# Shape: a test module's helper writes a filter script with mkstemp, makes it
# executable with os.chmod(path, 0o755) and the test runs it in its own
# subprocess (the same user). The safe fix makes the mode 0o700: the owner
# can still run it, so the test passes as before.
import os
import subprocess
import sys
import tempfile
import unittest

FILTER = "#!" + sys.executable + "\nimport sys\nsys.stdout.write(sys.stdin.read().upper())\n"


class FilterScriptTests(unittest.TestCase):
    def _create_filter(self):
        fd, path = tempfile.mkstemp(suffix=".py", prefix="test_filter_")
        try:
            os.write(fd, FILTER.encode())
            os.close(fd)
            os.chmod(path, 0o755)
            return path
        except BaseException:
            os.unlink(path)
            raise

    def test_filter_runs(self):
        path = self._create_filter()
        self.addCleanup(os.unlink, path)
        result = subprocess.run([path], input=b"hello\n", capture_output=True, check=True)
        self.assertEqual(result.stdout, b"HELLO\n")
        print(result.stdout.decode(), end="")


def main():
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(FilterScriptTests)
    outcome = unittest.TextTestRunner(stream=open(os.devnull, "w")).run(suite)
    print("ok" if outcome.wasSuccessful() else "failed", outcome.testsRun)


main()
