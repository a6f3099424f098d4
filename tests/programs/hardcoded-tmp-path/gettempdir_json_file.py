# Shape: `cfg_path = os.path.join(tempfile.gettempdir(), "tempsafe_cfg.json")` in a function,
# written with json.dump, read back with json.load, then removed. Nothing left behind.
# Expected fix: `fd, temp_path = tempfile.mkstemp(prefix="tempsafe_cfg_", suffix=".json")` +
# `os.close(fd)`, the path bound to it, the existing os.remove kept and a `finally` removal that
# tolerates it.
import json
import os
import tempfile


def save_and_reload(settings):
    cfg_path = os.path.join(tempfile.gettempdir(), "tempsafe_cfg.json")
    with open(cfg_path, "w") as f:
        json.dump(settings, f, sort_keys=True, indent=2)
    print("size:", os.path.getsize(cfg_path))
    with open(cfg_path) as f:
        loaded = json.load(f)
    os.remove(cfg_path)
    print("removed:", not os.path.exists(cfg_path))
    return loaded


if __name__ == "__main__":
    result = save_and_reload({"debug": False, "workers": 4, "hosts": ["a", "b"]})
    print("loaded:", result)
