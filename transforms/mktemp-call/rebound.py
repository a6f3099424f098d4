# `mktemp` is imported and rebound in the same scope: reported without a fix.
from tempfile import mktemp

if USE_CUSTOM:
    def mktemp():
        return "custom"


def f():
    name = mktemp()
    open(name, "w").close()
