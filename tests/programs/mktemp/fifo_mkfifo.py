# Shape: `path = tempfile.mktemp()` then `os.mkfifo(path)`, checked with stat.S_ISFIFO, then unlinked.
# Correct fix: mkfifo needs a path that does NOT exist yet, so mkstemp is wrong (FileExistsError).
# Use a name inside a fresh private directory (`d = tempfile.mkdtemp(); path = os.path.join(d, ...)`)
# and remove that directory after the unlink.
import os
import stat
import tempfile
import threading

path = tempfile.mktemp()
os.mkfifo(path)

print("is fifo:", stat.S_ISFIFO(os.stat(path).st_mode))
print("is regular:", stat.S_ISREG(os.stat(path).st_mode))

def writer():
    with open(path, "w") as w:
        w.write("through the pipe\n")

t = threading.Thread(target=writer)
t.start()
with open(path) as r:
    received = r.read()
t.join()
print("received:", received.strip())

os.unlink(path)
print("removed:", not os.path.exists(path))
