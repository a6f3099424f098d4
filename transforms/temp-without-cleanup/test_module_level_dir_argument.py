# In a test module, a directory made in a directory the program chose
# (`dir=`) may be looked for there after the run.
import os
import tempfile
import unittest

# expect: TMP003 unsafe(created-in-program-dir)
ARTIFACTS = tempfile.mkdtemp(dir=".", prefix="artifacts-")


# ok
class ArtifactTest(unittest.TestCase):
    def test_write(self):
        open(os.path.join(ARTIFACTS, "a"), "w").close()
