# The path must not exist yet: the name goes inside a fresh private directory.
import os
import shutil
import socket
import tempfile


def unix_socket():
    path = tempfile.mktemp(suffix=".sock")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(path)
    sock.close()
    os.unlink(path)


def twisted_unix(reactor, factory):
    path = tempfile.mktemp()
    reactor.listenUNIX(path, factory)


def fifo():
    path = tempfile.mktemp(prefix="fifo_")
    os.mkfifo(path)
    os.remove(path)


def symlink_destination(target):
    link = tempfile.mktemp()
    os.symlink(target, link)
    return os.readlink(link)


def copytree_destination(src):
    dst = tempfile.mktemp()
    shutil.copytree(src, dst)
    shutil.rmtree(dst)


def existence_check_first():
    p = tempfile.mktemp()
    print(os.path.exists(p))
    with open(p, "w") as f:
        f.write("x")
    os.remove(p)


def exclusive_open():
    p = tempfile.mktemp(suffix=f".{os.getpid()}")
    with open(p, "x") as f:
        f.write("x")


def cleanup_first():
    p = tempfile.mktemp()
    try:
        os.unlink(p)
    except OSError:
        pass
    os.mkfifo(p)
