# target-version: py310
# `del d` inside the block that owns the directory: a `finally` naming `d`
# would raise UnboundLocalError, so older targets get no fix; on 3.10+ the
# `with` form cleans up without the name.
# expect-clean-after-fix
import os
import tempfile


def count_entries():
    d = tempfile.mkdtemp(prefix="del_")
    open(os.path.join(d, "a"), "w").close()
    n = len(os.listdir(d))
    del d
    return n


print(count_entries())
