# `fd` is taken, `os` is a local variable: the fix picks `fd1`, and cannot
# import os where os means something else.
import tempfile

fd = 3


# expect: TMP001 safe
def f():
    name = tempfile.mktemp()
    with open(name, "w") as fh:
        fh.write(str(fd))


# expect: TMP001 no-fix
def g(os):
    name = tempfile.mktemp()
    with open(name, "w") as fh:
        fh.write("x")
