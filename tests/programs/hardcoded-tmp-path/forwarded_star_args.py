# Shape: a path handed to a wrapper's `*args` / `**kwargs`, which hands them on whole to a helper
# that writes the file (`save(*args)`, `save(**kwargs)`); the caller reads it back and removes it.
# Expected fix: `mkstemp(prefix="tempsafe_fwd_", suffix=".txt")` in each caller, removed in a
# `finally`; the wrappers and the helper are left as they are. No stale-file cleanup first: both
# paths are opened with "w", so what an interrupted run left is overwritten, then removed.
import os


def save(path, text="forwarded"):
    with open(path, "w") as f:
        f.write(text)


def save_positional(*args):
    save(*args)


def save_keywords(**kwargs):
    save(**kwargs)


def by_position():
    path = "/tmp/tempsafe_fwd.txt"
    save_positional(path, "by position")
    with open(path) as f:
        print("read:", f.read())
    os.remove(path)


def by_keyword():
    path = "/tmp/tempsafe_fwd_kw.txt"
    save_keywords(path=path, text="by keyword")
    with open(path) as f:
        print("read:", f.read())
    os.remove(path)


if __name__ == "__main__":
    by_position()
    by_keyword()
