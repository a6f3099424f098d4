# Shape: `dst = tempfile.mktemp()` used as the destination of shutil.copytree (source tree built in
# a TemporaryDirectory), listed, then shutil.rmtree(dst).
# Correct fix: copytree refuses an existing destination, so either `dst = tempfile.mkdtemp()` plus
# `dirs_exist_ok=True`, or a not-yet-existing name inside a fresh mkdtemp() directory (removing that
# directory too). Either way the listing is unchanged.
import os
import shutil
import tempfile

with tempfile.TemporaryDirectory() as src:
    os.makedirs(os.path.join(src, "pkg", "data"))
    for rel, text in [("setup.cfg", "[metadata]\n"), ("pkg/__init__.py", "V = 2\n"), ("pkg/data/x.json", "{}\n")]:
        with open(os.path.join(src, rel), "w") as f:
            f.write(text)

    dst = tempfile.mktemp()
    shutil.copytree(src, dst)

listing = []
for dirpath, dirnames, filenames in os.walk(dst):
    for fn in filenames:
        full = os.path.join(dirpath, fn)
        listing.append((os.path.relpath(full, dst), os.path.getsize(full)))
print("copied:", sorted(listing))
print("copy kept after source removed:", os.path.isdir(dst))

shutil.rmtree(dst)
print("removed:", not os.path.exists(dst))
