# Shape: directory use -- `d = tempfile.mktemp(); os.mkdir(d)`, files created inside, listed,
# then `shutil.rmtree(d)`.
# Correct fix: `d = tempfile.mkdtemp()` with the `os.mkdir(d)` call dropped (it would raise
# FileExistsError once the directory already exists).
import os
import shutil
import stat
import tempfile

d = tempfile.mktemp()
os.mkdir(d)

for name, body in [("b.txt", "bee"), ("a.txt", "ay"), ("c.dat", "sea" * 4)]:
    with open(os.path.join(d, name), "w") as f:
        f.write(body)

print("is dir:", stat.S_ISDIR(os.stat(d).st_mode))
print("entries:", sorted(os.listdir(d)))
print("sizes:", {n: os.path.getsize(os.path.join(d, n)) for n in sorted(os.listdir(d))})

shutil.rmtree(d)
print("removed:", not os.path.exists(d))
