# Shape: `data_dir = os.path.join("/tmp", "tempsafe_data")` in a function, created with
# `os.makedirs(data_dir, exist_ok=True)`, a file written inside, and `shutil.rmtree(data_dir)`
# at the end. Nothing left behind.
# Expected fix: `data_dir = tempfile.mkdtemp(prefix="tempsafe_data_")` (the makedirs with
# exist_ok=True may stay), the existing rmtree kept, and a `finally` rmtree with
# ignore_errors=True.
import os
import shutil


def remove_stale(name):
    # Undo an earlier, interrupted run so that runs repeat; the path is built without a "/tmp"
    # string so that the fix leaves this helper alone.
    stale = os.path.join(os.sep, "tmp", name)
    if os.path.isdir(stale):
        shutil.rmtree(stale)
    elif os.path.exists(stale):
        os.remove(stale)


def stage(rows):
    data_dir = os.path.join("/tmp", "tempsafe_data")
    os.makedirs(data_dir, exist_ok=True)
    out = os.path.join(data_dir, "rows.csv")
    with open(out, "w") as f:
        for row in rows:
            f.write(",".join(str(v) for v in row) + "\n")
    print("listing:", sorted(os.listdir(data_dir)))
    with open(out) as f:
        print("csv:", f.read().splitlines())
    shutil.rmtree(data_dir)
    print("removed:", not os.path.exists(data_dir))


if __name__ == "__main__":
    remove_stale("tempsafe_data")
    stage([(1, "a", 2.5), (2, "b", 0.0)])
