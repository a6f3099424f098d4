from tempfile import *


def f():
    name = mktemp()
    with open(name, "w") as fh:
        fh.write("x")
