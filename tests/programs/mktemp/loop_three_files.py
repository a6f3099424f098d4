# Shape: tempfile.mktemp() inside a loop, three files created and written, contents collected,
# then all removed.
# Correct fix: `fd, p = tempfile.mkstemp(suffix=...); os.close(fd)` inside the loop body -- a
# fresh file per iteration, contents and cleanup unchanged.
import os
import tempfile

paths = []
for i in range(3):
    p = tempfile.mktemp(suffix=f"_part{i}.txt")
    with open(p, "w") as f:
        f.write(f"part {i}: " + "x" * (i + 1) + "\n")
    paths.append(p)

print("distinct:", len(set(paths)) == 3)
print("suffixes:", [os.path.basename(p).rsplit("_", 1)[1] for p in paths])

collected = []
for p in paths:
    with open(p) as f:
        collected.append(f.read().strip())
print("collected:", collected)

for p in paths:
    os.remove(p)
print("all removed:", not any(os.path.exists(p) for p in paths))
