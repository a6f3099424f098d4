# Shape: `open(tempfile.mktemp(suffix=".csv"), "w", newline="")` used directly as the file object;
# the path is recovered via f.name for reading back and for os.remove(f.name).
# Correct fix: `tempfile.NamedTemporaryFile("w", suffix=".csv", newline="", delete=False)` -- same
# write API and .name attribute; delete=False because the program removes the file itself.
import csv
import os
import tempfile

with open(tempfile.mktemp(suffix=".csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "name", "score"])
    w.writerow([1, "ada", 93])
    w.writerow([2, "brian", 87])
    w.writerow([3, "cleo", 78])

print("suffix ok:", os.path.basename(f.name).endswith(".csv"))
print("closed:", f.closed)

with open(f.name, newline="") as g:
    rows = list(csv.DictReader(g))
print("names:", [r["name"] for r in rows])
print("mean score:", sum(int(r["score"]) for r in rows) / len(rows))

os.remove(f.name)
print("removed:", not os.path.exists(f.name))
