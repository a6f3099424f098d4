import os
import unittest


# expect: TMP002 safe, TMP002 safe, TMP002 safe, TMP002 safe
class ReportTest(unittest.TestCase):
    def test_report(self):
        with open("/tmp/unit_report.txt", "w") as f:
            f.write("ok")
        self.assertTrue(os.path.exists("/tmp/unit_report.txt"))

    def test_directory(self):
        os.makedirs("/tmp/unit_dir", exist_ok=True)
        self.assertTrue(os.path.isdir("/tmp/unit_dir"))
