# Shape: script-level (not inside a function) `name = tempfile.mktemp(dir=workdir)` where workdir
# comes from tempfile.mkdtemp(); file written and read, then workdir removed with shutil.rmtree.
# Correct fix: `fd, name = tempfile.mkstemp(dir=workdir); os.close(fd)` -- the file must sit
# directly in workdir (the dirname check prints True), and rmtree(workdir) cleans everything.
import os
import shutil
import tempfile

workdir = tempfile.mkdtemp()
name = tempfile.mktemp(dir=workdir)

with open(name, "w") as f:
    f.write("one\ntwo\nthree\n")

print("directly in workdir:", os.path.dirname(name) == workdir)
print("workdir entries:", len(os.listdir(workdir)))
with open(name) as f:
    print("line count:", len(f.readlines()))

os.remove(name)
print("workdir empty after remove:", os.listdir(workdir) == [])
shutil.rmtree(workdir)
print("workdir removed:", not os.path.exists(workdir))
