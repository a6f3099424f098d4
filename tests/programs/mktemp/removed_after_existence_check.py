# Shape: a UNIX socket bound at a mktemp() name, removed in a `finally` under
# `if os.path.exists(name)`. Expected fix: the fresh-directory form, with the
# directory removed after that `if`: nothing left in $TMPDIR after the safe
# or the unsafe fix.
import os
import socket
import tempfile


def serve_once(fail):
    name = tempfile.mktemp(suffix=".sock")
    s = socket.socket(socket.AF_UNIX)
    try:
        if not fail:
            s.bind(name)
        print("bound:", os.path.exists(name))
    finally:
        s.close()
        if os.path.exists(name):
            os.remove(name)


serve_once(False)
serve_once(True)
