# target-version: py310
# Only `from tempfile import mkdtemp`: TemporaryDirectory joins that import.
import os
from tempfile import mkdtemp


# expect: TMP003 safe
def listing():
    d = mkdtemp()
    open(os.path.join(d, "a"), "w").close()
    return os.listdir(d)
