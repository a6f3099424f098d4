# A directory an object keeps on `self`, as it is or as another form of the
# same path, outlives the method that made it: removing it at the end of
# `__init__` would leave the object pointing at nothing.
import os
import tempfile


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
