# A comment that names the path changes nothing the program does: the
# path is rewritten as if the comment were not there. A string that names
# it still counts.
import os
import unittest

# Before running: mkdir /tmp/upload-test/


# expect: TMP002 safe
class UploadTest(unittest.TestCase):
    def test_upload(self):
        local = "/tmp/upload-test"  # also /tmp/upload-test in a comment
        with open(local, "w") as f:
            f.write("data")
        os.remove(local)


# expect: TMP002 unsafe(same-path-left-alone)
class MessageTest(unittest.TestCase):
    def test_upload(self):
        local = "/tmp/upload-message"
        with open(local, "w") as f:
            f.write("data")
        print("wrote /tmp/upload-message")
        os.remove(local)
