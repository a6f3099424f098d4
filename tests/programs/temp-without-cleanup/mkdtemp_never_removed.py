# Shape: `d = tempfile.mkdtemp(prefix="build_")` in a function; files written inside via
# os.path.join, the sorted listing printed, a count returned. The directory is never removed
# (leaks one directory in $TMPDIR).
# Expected fix: the rest of the function after the mkdtemp goes into `try:` with
# `finally: shutil.rmtree(d, ignore_errors=True)` (and `import shutil`).
# expect-clean-after-fix
import os
import tempfile


def build(files):
    d = tempfile.mkdtemp(prefix="build_")
    for name, body in files:
        with open(os.path.join(d, name), "w") as f:
            f.write(body)
    entries = sorted(os.listdir(d))
    print("entries:", entries)
    for name in entries:
        print(" ", name, os.path.getsize(os.path.join(d, name)))
    return len(os.listdir(d))


if __name__ == "__main__":
    count = build(
        [
            ("main.c", "int main(void) { return 0; }\n"),
            ("Makefile", "all:\n\tcc main.c\n"),
            ("README", "demo\n"),
        ]
    )
    print("count:", count)
