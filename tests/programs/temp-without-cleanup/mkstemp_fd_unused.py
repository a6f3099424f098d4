# Shape: `fd, path = tempfile.mkstemp(suffix=".json")` where `fd` is never used or closed; the
# path is written with open(path, "w") and read back, and never removed (leaks one file).
# Expected fix: `os.close(fd)` right after the mkstemp, and the rest of the function in
# `try:` with `finally: if os.path.exists(path): os.remove(path)`.
# expect-clean-after-fix
import json
import os
import tempfile


def roundtrip(record):
    fd, path = tempfile.mkstemp(suffix=".json")
    with open(path, "w") as f:
        json.dump(record, f, sort_keys=True)
    print("suffix ok:", path.endswith(".json"))
    print("size:", os.path.getsize(path))
    with open(path) as f:
        return json.load(f)


if __name__ == "__main__":
    loaded = roundtrip({"name": "widget", "tags": ["a", "b"], "count": 3})
    print("loaded:", loaded)
    print("equal:", loaded == {"count": 3, "name": "widget", "tags": ["a", "b"]})
