from tempfile import *


# expect: TMP001 safe
def f():
    name = mktemp()
    with open(name, "w") as fh:
        fh.write("x")
