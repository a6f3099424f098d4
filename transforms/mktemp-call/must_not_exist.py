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


# expect: TMP001 no-fix
def symlink_destination(target):
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


# expect: TMP001 no-fix
def cleanup_first():
    p = tempfile.mktemp()
    try:
        os.unlink(p)
    except OSError:
        pass
    os.mkfifo(p)
