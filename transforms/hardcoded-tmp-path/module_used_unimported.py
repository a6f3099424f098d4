# `tempfile` is used without an import tempsafe can see: a fix that added
# `import tempfile` would change what that other line means. No fix.
import unittest
from tempfile import gettempdir  # names the module, does not use it


# expect: TMP002 no-fix
class T(unittest.TestCase):
    def test_a(self):
        y = tempfile.mktemp()
        with open("/tmp/fuzz.txt", "w") as fh:
            fh.write("x")
