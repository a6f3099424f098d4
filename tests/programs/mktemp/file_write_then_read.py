# Shape: `name = tempfile.mktemp(suffix=".txt")`, then open(name, "w"), read back, os.remove(name).
# Correct fix: `fd, name = tempfile.mkstemp(suffix=".txt"); os.close(fd)` -- "w" truncates the
# already-created empty file, so output is unchanged and nothing is left behind.
import os
import tempfile

name = tempfile.mktemp(suffix=".txt")

with open(name, "w") as f:
    f.write("alpha\nbeta\ngamma\n")

with open(name) as f:
    lines = f.read().splitlines()

print("suffix ok:", os.path.basename(name).endswith(".txt"))
print("lines:", lines)
print("size:", os.path.getsize(name))

os.remove(name)
print("removed:", not os.path.exists(name))
