# Shape: `d = tempfile.mkdtemp()` in a function, files written inside, and `shutil.rmtree(d)` as
# an ordinary statement at the end (not in a `finally`), followed by a print that checks it ran.
# No leak before or after.
# Expected fix: the rest of the function goes into `try:` (the existing rmtree kept where it is)
# with `finally: shutil.rmtree(d, ignore_errors=True)`, which must not fail when it already ran.
import os
import shutil
import tempfile


def summarize(words):
    d = tempfile.mkdtemp()
    for i, word in enumerate(words):
        with open(os.path.join(d, "%02d.txt" % i), "w") as f:
            f.write(word * (i + 1))
    total = 0
    for name in os.listdir(d):
        total += os.path.getsize(os.path.join(d, name))
    print("files:", sorted(os.listdir(d)))
    shutil.rmtree(d)
    print("removed:", not os.path.exists(d))
    return total


if __name__ == "__main__":
    print("total bytes:", summarize(["ab", "cde", "f"]))
