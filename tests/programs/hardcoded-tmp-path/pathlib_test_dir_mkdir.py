# Shape (the guide's example): inside `main()`, `test_dir = Path("/tmp/tempsafe_test_nginx")`,
# `test_dir.mkdir(exist_ok=True)`, config files written in it, the sorted listing printed.
# The original leaves the directory behind in /tmp (nothing in $TMPDIR).
# Expected fix: `test_dir = Path(tempfile.mkdtemp(prefix="tempsafe_test_nginx_"))` (the mkdir
# with exist_ok=True may stay), the rest of `main()` in `try:` with
# `finally: shutil.rmtree(test_dir, ignore_errors=True)`; nothing left anywhere.
import os
import shutil
from pathlib import Path


def remove_stale(name):
    # Undo an earlier run of the unfixed program so that runs repeat. The path is spelled
    # without a "/tmp" literal so that the fix leaves this helper alone.
    stale = os.path.join(os.sep, "tmp", name)
    if os.path.isdir(stale):
        shutil.rmtree(stale)
    elif os.path.exists(stale):
        os.remove(stale)


def main():
    test_dir = Path("/tmp/tempsafe_test_nginx")
    test_dir.mkdir(exist_ok=True)
    sites = {"default.conf": 80, "api.conf": 8080, "admin.conf": 9000}
    for name, port in sites.items():
        (test_dir / name).write_text("server {\n    listen %d;\n}\n" % port)
    print("configs:", sorted(p.name for p in test_dir.iterdir()))
    print("is dir:", test_dir.is_dir())
    print("api:", (test_dir / "api.conf").read_text().splitlines()[1].strip())


if __name__ == "__main__":
    remove_stale("tempsafe_test_nginx")
    main()
