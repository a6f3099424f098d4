# Shape: a function whose return value is computed from the temporary directory's contents:
# `return sorted(os.listdir(d))` after files are created in a mkdtemp directory that is never
# removed (leaks one directory).
# Expected fix: the rest of the function, `return` included, in `try:` with
# `finally: shutil.rmtree(d, ignore_errors=True)` -- the listing is computed before the
# `finally` runs, so the returned value is unchanged.
# expect-clean-after-fix
import os
import tempfile


def layout(names):
    d = tempfile.mkdtemp(prefix="layout_")
    for name in names:
        if name.endswith("/"):
            os.mkdir(os.path.join(d, name.rstrip("/")))
        else:
            open(os.path.join(d, name), "w").close()
    return sorted(os.listdir(d))


if __name__ == "__main__":
    entries = layout(["zeta.txt", "src/", "alpha.txt", "docs/", "Makefile"])
    print("entries:", entries)
    print("count:", len(entries))
