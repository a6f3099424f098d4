# `mktemp` is imported and rebound in the same scope: reported without a fix.
from tempfile import mktemp

# ok
if USE_CUSTOM:
    def mktemp():
        return "custom"


# expect: TMP001 no-fix
def f():
    name = mktemp()
    open(name, "w").close()
