# Comments between the arguments of a rewritten call are kept.
import os
import socket
import tempfile


# expect: TMP001 safe
def f():
    name = tempfile.mktemp(
        # a comment
        suffix=".sock",  # trailing
    )
    s = socket.socket(socket.AF_UNIX)
    s.bind(name)
    s.close()
    os.remove(name)


# expect: TMP001 safe
def g():
    path = tempfile.mktemp(  # why a temp file
        suffix=".txt",
    )
    with open(path, "w") as fh:
        fh.write("x")
