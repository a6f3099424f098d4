# leaks: the single file named by both `a` and `b` is never removed (one regular file in $TMPDIR)
# Shape: chained assignment `a = b = tempfile.mktemp()`; written through one name, appended and
# read through the other.
# Correct fix: `fd, a = tempfile.mkstemp(); os.close(fd); b = a` (or equivalent) -- both names must
# still refer to the same path. The fixed program leaves exactly one file behind, like the original.
import os
import tempfile

a = b = tempfile.mktemp()
print("same name:", a == b)

with open(a, "w") as f:
    f.write("written via a\n")
with open(b, "a") as f:
    f.write("appended via b\n")

with open(b) as f:
    print("content:", f.read().splitlines())
print("same file:", os.path.samefile(a, b))
print("size:", os.path.getsize(a))
