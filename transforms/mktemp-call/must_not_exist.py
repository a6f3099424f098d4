# The path must not exist yet: the name goes inside a fresh private directory.
import os
import shutil
import socket
import tempfile


# expect: TMP001 safe
def unix_socket():
    path = tempfile.mktemp(suffix=".sock")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(path)
    sock.close()
    os.unlink(path)


# expect: TMP001 no-fix
def twisted_unix(reactor, factory):
    path = tempfile.mktemp()
    reactor.listenUNIX(path, factory)


# expect: TMP001 safe
def fifo():
    path = tempfile.mktemp(prefix="fifo_")
    os.mkfifo(path)
    os.remove(path)


# ok
def symlink_destination(target):
    # A probe: os.symlink fails on an existing name, and a fresh directory
    # nothing removes would be left behind. Not a finding.
    link = tempfile.mktemp()
    os.symlink(target, link)
    return os.readlink(link)


# expect: TMP001 safe
def copytree_destination(src):
    dst = tempfile.mktemp()
    shutil.copytree(src, dst)
    shutil.rmtree(dst)


# expect: TMP001 safe
def existence_check_first():
    p = tempfile.mktemp()
    print(os.path.exists(p))
    with open(p, "w") as f:
        f.write("x")
    os.remove(p)


# expect: TMP001 no-fix
def exclusive_open():
    p = tempfile.mktemp(suffix=f".{os.getpid()}")
    with open(p, "x") as f:
        f.write("x")


# ok
def cleanup_first():
    # A probe: os.mkfifo fails on an existing name. Not a finding.
    p = tempfile.mktemp()
    try:
        os.unlink(p)
    except OSError:
        pass
    os.mkfifo(p)


# expect: TMP001 safe
def symlink_probe_removed(target):
    # A probe whose name is removed: the fix removes its directory there too.
    link = tempfile.mktemp()
    os.symlink(target, link)
    print(os.path.islink(link))
    os.unlink(link)


# expect: TMP001 no-fix
def symlink_after_unknown_code(target, prepare):
    # Handed to unknown code before the symlink, which may create it.
    link = tempfile.mktemp()
    prepare(link)
    os.symlink(target, link)
