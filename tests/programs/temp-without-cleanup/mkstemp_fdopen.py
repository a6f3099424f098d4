# Shape: `fd, path = tempfile.mkstemp()` with the descriptor used through `os.fdopen(fd, "w")`
# (which closes it); the path is read back and never removed (leaks one file).
# Expected fix: no os.close (the descriptor is used); the rest of the function in `try:` with
# `finally: if os.path.exists(path): os.remove(path)`.
# expect-clean-after-fix
import os
import tempfile


def write_lines(lines):
    fd, path = tempfile.mkstemp()
    with os.fdopen(fd, "w") as out:
        for line in lines:
            out.write(line + "\n")
    with open(path) as f:
        text = f.read()
    print("lines:", text.splitlines())
    return len(text)


if __name__ == "__main__":
    print("chars:", write_lines(["alpha", "beta", "gamma"]))
