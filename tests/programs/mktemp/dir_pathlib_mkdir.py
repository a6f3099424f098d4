# Shape: directory use via pathlib -- `d = tempfile.mktemp(prefix="build_"); Path(d).mkdir()`,
# populated, then shutil.rmtree.
# Correct fix: `d = tempfile.mkdtemp(prefix="build_")` with `Path(d).mkdir()` dropped (or made
# `exist_ok=True`); the "build_" prefix check must still print True.
import shutil
import tempfile
from pathlib import Path

d = tempfile.mktemp(prefix="build_")
Path(d).mkdir()

root = Path(d)
(root / "obj").mkdir()
(root / "obj" / "main.o").write_bytes(b"\x7fELF" + b"\x00" * 12)
(root / "build.ninja").write_text("rule cc\n  command = cc $in\n")

print("prefix ok:", root.name.startswith("build_"))
print("is dir:", root.is_dir())
print("tree:", sorted(str(p.relative_to(root)) for p in root.rglob("*")))
print("object size:", (root / "obj" / "main.o").stat().st_size)

shutil.rmtree(d)
print("removed:", not root.exists())
