from tempfile import mktemp as make_name
import os


# expect: TMP001 safe
def f():
    name = make_name(suffix=".dat")
    with open(name, "w") as fh:
        fh.write("x")
    os.remove(name)
