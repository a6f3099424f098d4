# Shape: `cfg_path = "/tmp/tempsafe_cfg.json"` in a function, opened for writing with json.dump,
# read back with json.load, then `os.remove(cfg_path)`. Nothing left behind.
# Expected fix: `fd, cfg_path = tempfile.mkstemp(prefix="tempsafe_cfg_", suffix=".json")` +
# `os.close(fd)`; the existing os.remove kept, a `finally` removal that tolerates it.
import json
import os
import shutil


def remove_stale(name):
    # Undo an earlier, interrupted run so that runs repeat; spelled without a "/tmp" literal so
    # that the fix leaves this helper alone.
    stale = os.path.join(os.sep, "tmp", name)
    if os.path.isdir(stale):
        shutil.rmtree(stale)
    elif os.path.exists(stale):
        os.remove(stale)


def save_and_reload(settings):
    cfg_path = "/tmp/tempsafe_cfg.json"
    with open(cfg_path, "w") as f:
        json.dump(settings, f, sort_keys=True, indent=2)
    print("size:", os.path.getsize(cfg_path))
    with open(cfg_path) as f:
        loaded = json.load(f)
    os.remove(cfg_path)
    print("removed:", not os.path.exists(cfg_path))
    return loaded


if __name__ == "__main__":
    remove_stale("tempsafe_cfg.json")
    result = save_and_reload({"debug": False, "workers": 4, "hosts": ["a", "b"]})
    print("loaded:", result)
