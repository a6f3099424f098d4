# Shape: `td = tempfile.TemporaryDirectory()` assigned (not used in `with`), files written in
# `td.name`, a value computed from them returned; `td.cleanup()` is never called. CPython's
# finalizer removes the directory when the function returns and `td` is freed (with a
# ResourceWarning, silent by default), so nothing is left behind before or after the fix.
# Expected fix: the rest of the function in `try:` with `finally: td.cleanup()`.
import os
import tempfile


def checksum(chunks):
    td = tempfile.TemporaryDirectory()
    for i, chunk in enumerate(chunks):
        with open(os.path.join(td.name, "chunk%d" % i), "wb") as f:
            f.write(chunk)
    names = sorted(os.listdir(td.name))
    print("chunks:", names)
    total = 0
    for name in names:
        with open(os.path.join(td.name, name), "rb") as f:
            total += sum(f.read())
    return total % 65521


if __name__ == "__main__":
    print("checksum:", checksum([b"hello", b" ", b"world", bytes(range(10))]))
