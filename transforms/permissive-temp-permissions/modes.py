import os
import stat
import tempfile
from pathlib import Path


# expect: TMP004 unsafe
def world_writable_dir():
    work = tempfile.mkdtemp()
    os.chmod(work, 0o777)
    return work


# expect: TMP004 unsafe
def world_readable_file():
    fd, path = tempfile.mkstemp()
    os.chmod(path, 0o644)
    os.close(fd)
    return path


# expect: TMP004 unsafe
def stat_constants(path="/tmp/shared"):
    os.chmod("/tmp/shared", stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)


# expect: TMP004 unsafe, TMP004 unsafe
def mkdir_modes():
    os.makedirs("/tmp/build/cache", mode=0o777, exist_ok=True)
    os.mkdir(os.path.join(tempfile.gettempdir(), "x"), 0o775)


# expect: TMP004 unsafe
def os_open_mode():
    fd = os.open("/tmp/app.lock", os.O_CREAT | os.O_WRONLY, 0o666)
    os.close(fd)


# expect: TMP004 unsafe, TMP004 unsafe
def pathlib_modes():
    Path("/tmp/data").mkdir(mode=0o777, exist_ok=True)
    p = Path(tempfile.mkdtemp())
    p.chmod(0o755)


# expect: TMP004 unsafe
def umask_around_creation():
    old = os.umask(0)
    try:
        return tempfile.mkdtemp()
    finally:
        os.umask(old)


# ok
def already_private():
    work = tempfile.mkdtemp()
    os.chmod(work, 0o700)
    os.chmod("/tmp/x", stat.S_IRUSR | stat.S_IWUSR)


# ok
def not_a_temporary_path(config):
    os.chmod(config, 0o644)
    os.chmod("/etc/app.conf", 0o644)


# ok
def umask_without_temp_files():
    os.umask(0)
