# Shape: `root = tempfile.mktemp(); os.makedirs(root)`, then nested subdirectories created under it
# with os.makedirs, walked, then shutil.rmtree(root).
# Correct fix: `root = tempfile.mkdtemp()` and the `os.makedirs(root)` call dropped (or given
# exist_ok=True); the nested os.makedirs calls stay as they are.
import os
import shutil
import tempfile

root = tempfile.mktemp()
os.makedirs(root)
os.makedirs(os.path.join(root, "src", "pkg", "sub"))
os.makedirs(os.path.join(root, "docs"))

for rel, text in [("src/pkg/__init__.py", ""), ("src/pkg/sub/mod.py", "X = 1\n"), ("docs/index.md", "# hi\n")]:
    with open(os.path.join(root, rel), "w") as f:
        f.write(text)

walked = []
for dirpath, dirnames, filenames in os.walk(root):
    rel = os.path.relpath(dirpath, root)
    walked.append((rel, sorted(dirnames), sorted(filenames)))
for entry in sorted(walked):
    print(entry)

shutil.rmtree(root)
print("removed:", not os.path.exists(root))
