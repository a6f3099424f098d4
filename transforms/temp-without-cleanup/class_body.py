# target-version: py310
# A class body's temporary directory is a class attribute: methods read it
# (`self.base`) long after the class body ends, so no block owns it.
import os
import tempfile


# expect: TMP003 no-fix
class Config:
    base = tempfile.mkdtemp()
    marker = os.path.join(base, "m")

    def where(self):
        return self.base


# expect: TMP003 safe
def in_a_method_is_fine():
    class Local:
        pass

    d = tempfile.mkdtemp()
    print(os.path.isdir(d), Local)
