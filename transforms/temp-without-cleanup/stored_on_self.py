# A directory an object keeps on `self`, as it is or as another form of the
# same path, outlives the method that made it: removing it at the end of
# `__init__` would leave the object pointing at nothing.
import os
import tempfile
import unittest


# expect: TMP003 no-fix(escapes)
class KeptAsIs:
    def __init__(self):
        d = tempfile.mkdtemp()
        self.path = d

    def close(self):
        pass


# expect: TMP003 no-fix(escapes)
class KeptAbsolute:
    def __init__(self):
        d = tempfile.mkdtemp()
        self.path = os.path.abspath(d)
        os.mkdir(os.path.join(self.path, "x"))

    def close(self):
        pass


# expect: TMP003 no-fix(escapes)
class KeptAnnotated:
    def __init__(self):
        d = tempfile.mkdtemp()
        self.path: str = d

    def close(self):
        pass


# The file's name kept on `self`, and its removal registered right there.
# ok
class RemovedWhenTheTestEnds(unittest.TestCase):
    def setUp(self):
        f = tempfile.NamedTemporaryFile(mode="wb", delete=False)
        self.temp_path = f.name
        f.write(b"contents")
        f.close()
        self.addCleanup(os.remove, self.temp_path)

    def test_reads(self):
        with open(self.temp_path, "rb") as f:
            self.assertEqual(f.read(), b"contents")


# The name is kept, and nothing removes the file.
# expect: TMP003 no-fix(escapes)
class NamedFileKept(unittest.TestCase):
    def setUp(self):
        f = tempfile.NamedTemporaryFile(mode="wb", delete=False)
        self.temp_path = f.name
        f.close()

    def test_reads(self):
        with open(self.temp_path, "rb") as f:
            f.read()
