# A script at module level.
import os
import tempfile

# expect: TMP001 safe
workdir = tempfile.mkdtemp()
name = tempfile.mktemp(dir=workdir)
with open(name, "w") as f:
    f.write("x")
os.remove(name)
os.rmdir(workdir)


# ok
def later():
    # Functions run later: the module-level file already exists by then.
    return os.path.getsize(name)
