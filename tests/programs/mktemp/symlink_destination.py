# Shape: `link = tempfile.mktemp()` used as an os.symlink destination; readlink compared to the
# target, then os.unlink(link). The target lives in a TemporaryDirectory.
# Correct fix: symlink() needs a path that does NOT exist yet, so mkstemp is wrong (FileExistsError).
# Use a name inside a fresh `tempfile.mkdtemp()` directory and remove that directory after the unlink.
import os
import tempfile

with tempfile.TemporaryDirectory() as tdir:
    target = os.path.join(tdir, "config.ini")
    with open(target, "w") as f:
        f.write("[main]\nlevel = 3\n")

    link = tempfile.mktemp()
    os.symlink(target, link)

    print("is link:", os.path.islink(link))
    print("readlink matches:", os.readlink(link) == target)
    with open(link) as f:
        print("via link:", f.read().splitlines())

    os.unlink(link)
    print("link removed:", not os.path.lexists(link))
    print("target still there:", os.path.exists(target))
