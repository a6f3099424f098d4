# Shape: `fd, path = tempfile.mkstemp()` in a loop; the descriptor is written, closed, and the
# name `fd` bound again by `os.open(path)` to read the file back; `os.remove(path)` at the end of
# each iteration, not in a `finally`. The path keeps one binding: the fix may name it.
# No leak before or after (no exception is raised).
# Expected fix: the rest of the loop body goes into `try:` with `finally:` removing `path` if it
# still exists; the rebound `fd` does not matter, since the fix never names it.
import os
import tempfile
import zlib


def round_trip(sizes):
    lengths = []
    for size in sizes:
        fd, path = tempfile.mkstemp()
        data = zlib.compress(b"x" * size, 1)
        os.write(fd, data)
        os.close(fd)
        fd = os.open(path, os.O_RDONLY)
        written = os.read(fd, os.path.getsize(path))
        os.close(fd)
        lengths.append(len(written) == len(data))
        os.remove(path)
        print("removed:", not os.path.exists(path))
    return lengths


if __name__ == "__main__":
    print("same lengths:", round_trip([10, 1000, 100000]))
