# Shape: mktemp inside a helper function whose result escapes to the caller, which writes to the
# path and removes it.
# Correct fix: inside the helper, `fd, path = tempfile.mkstemp(suffix=suffix); os.close(fd);
# return path` -- the caller is unchanged and sees an existing empty file it then overwrites.
import json
import os
import tempfile


def scratch_path(suffix):
    path = tempfile.mktemp(suffix=suffix)
    return path


def dump_report(data):
    out = scratch_path(".json")
    with open(out, "w") as f:
        json.dump(data, f, sort_keys=True)
    return out


report = dump_report({"passed": 41, "failed": 1, "skipped": 3})
print("suffix ok:", report.endswith(".json"))
with open(report) as f:
    loaded = json.load(f)
print("loaded:", loaded)
print("total:", sum(loaded.values()))

os.remove(report)
print("removed:", not os.path.exists(report))
