# The fresh-directory form removes its directory wherever the program
# removes the path; where nothing removes the path, it is no fix at all.
import os
import socket
import tempfile


# expect: TMP001 safe
def removed_after_existence_check():
    # error: fixed; the directory goes after the `if`, also when the socket
    # was never made.
    name = tempfile.mktemp(suffix=".sock")
    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind(name)
    finally:
        s.close()
        if os.path.exists(name):
            os.remove(name)


# expect: TMP001 safe
def removed_under_another_condition(keep):
    # error: fixed; the test is not about the path alone, so the directory
    # is removed inside it, with the path.
    name = tempfile.mktemp(suffix=".sock")
    s = socket.socket(socket.AF_UNIX)
    s.bind(name)
    s.close()
    if not keep and os.path.exists(name):
        os.remove(name)


# expect: TMP001 no-fix
def never_removed():
    # error: no fix; a fresh directory would stay behind on every run.
    name = tempfile.mktemp(suffix=".sock")
    s = socket.socket(socket.AF_UNIX)
    s.bind(name)
    s.close()
