# Shape: `f = tempfile.NamedTemporaryFile(mode="w", suffix=".txt", delete=False)` in a function;
# written, flushed, its size printed via os.path.getsize(f.name); never closed or removed
# (leaks one file).
# Expected fix: the rest of the function in `try:` with `finally: f.close()` and
# `if os.path.exists(f.name): os.remove(f.name)`.
# expect-clean-after-fix
import os
import tempfile


def record(events):
    f = tempfile.NamedTemporaryFile(mode="w", suffix=".txt", delete=False)
    for event in events:
        f.write(event + "\n")
    f.flush()
    print("suffix ok:", f.name.endswith(".txt"))
    print("size:", os.path.getsize(f.name))
    with open(f.name) as g:
        print("first line:", g.readline().strip())
    return len(events)


if __name__ == "__main__":
    print("events:", record(["start", "tick", "tick", "stop"]))
