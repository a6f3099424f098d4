# A mktemp() and a /tmp path in one function: the fixes of the two
# transforms must not both name their descriptor `fd`, and what they write
# must leave no finding of any transform behind.
import os
import tempfile


# expect: TMP001 safe
def f():
    name = tempfile.mktemp()
    with open(name, "w") as fh:
        fh.write("x")
    with open("/tmp/cfg.json", "w") as fh:
        fh.write("y")
    os.remove(name)
    os.remove("/tmp/cfg.json")
