# Shape: `scratch = tempfile.mkdtemp()` inside a for-loop body, one directory per iteration,
# used only inside that iteration and never removed (leaks three directories).
# Expected fix: the rest of the loop body in `try:` with
# `finally: shutil.rmtree(scratch, ignore_errors=True)`, so each iteration removes its own.
# expect-clean-after-fix
import os
import tempfile


def process(jobs):
    results = []
    for job, parts in jobs:
        scratch = tempfile.mkdtemp(prefix="job_")
        for n in range(parts):
            with open(os.path.join(scratch, "part%d" % n), "w") as f:
                f.write(job * n)
        size = 0
        for part in os.listdir(scratch):
            size += os.path.getsize(os.path.join(scratch, part))
        results.append((job, len(os.listdir(scratch)), size))
    return results


if __name__ == "__main__":
    for row in process([("a", 2), ("bb", 3), ("ccc", 1)]):
        print(row)
