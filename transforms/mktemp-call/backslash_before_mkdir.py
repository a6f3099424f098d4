# A `\` alone on the line above a dropped `os.mkdir`: it becomes `pass`
# rather than leave the continuation dangling (the fuzzer found it).
import os
import tempfile


# expect: TMP001 safe
def f():
    d = tempfile.mktemp()
    \
    os.mkdir(d)
    print(os.path.isdir(d))
    os.rmdir(d)
