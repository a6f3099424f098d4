# The variable that holds the name is bound more than once.
import os
import tempfile


# expect: TMP001 safe
def rebound_later_in_a_loop(n):
    # error: fixed (mkstemp); `p` is bound again later, but the file is
    # created right after this statement.
    paths = []
    for i in range(n):
        p = tempfile.mktemp()
        with open(p, "w") as f:
            f.write("x")
        paths.append(p)
    for p in paths:
        os.remove(p)


# expect: TMP001 no-fix
def rebound_before_use():
    # error: no fix; the `open` may be of the other value.
    p = tempfile.mktemp()
    p = "other.txt"
    open(p, "w").close()
