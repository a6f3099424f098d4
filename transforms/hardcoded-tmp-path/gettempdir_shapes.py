# Fixed names under the directory tempfile.gettempdir() returns (or $TMPDIR):
# every way of spelling the directory and of putting a name under it.
import os
import shutil
import tempfile
from pathlib import Path


# expect: TMP002 safe
def joined(settings):
    cfg = os.path.join(tempfile.gettempdir(), "cfg.json")
    with open(cfg, "w") as f:
        f.write(settings)
    os.remove(cfg)


# expect: TMP002 safe
def concatenated():
    lock = tempfile.gettempdir() + "/x.lock"
    with open(lock, "w") as f:
        f.write("1")
    os.remove(lock)


# expect: TMP002 safe, TMP002 safe
def f_string():
    with open(f"{tempfile.gettempdir()}/report.txt", "w") as f:
        f.write("x")
    os.remove(f"{tempfile.gettempdir()}/report.txt")


# expect: TMP002 safe
def path_divided():
    p = Path(tempfile.gettempdir()) / "data.txt"
    p.write_text("x")
    print(p.read_text())
    p.unlink()


# expect: TMP002 safe, TMP002 safe
def bound_then_joined():
    tmp = tempfile.gettempdir()
    out = os.path.join(tmp, "out.txt")
    with open(out, "w") as f:
        f.write("x")
    os.remove(out)


# expect: TMP002 safe
def environment_with_default():
    log = os.environ.get("TMPDIR", "/tmp") + "/app.log"
    with open(log, "a") as f:
        f.write("x")
    os.remove(log)


# expect: TMP002 safe
def environment_subscript():
    db = os.path.join(os.environ["TMPDIR"], "state.db")
    with open(db, "w") as f:
        f.write("x")
    os.remove(db)


# expect: TMP002 safe
def getenv():
    cache = os.getenv("TMP") + "/cache"
    os.makedirs(cache)
    with open(cache + "/entry", "w") as f:
        f.write("x")
    shutil.rmtree(cache)


# expect: TMP002 safe
def tempdir_attribute():
    p = os.path.join(tempfile.tempdir, "attr.txt")
    with open(p, "w") as f:
        f.write("x")
    os.remove(p)


# expect: TMP002 safe
def byte_names():
    p = tempfile.gettempdirb() + b"/raw1.bin"
    with open(p, "wb") as f:
        f.write(b"x")
    os.remove(p)


# expect: TMP002 safe
def byte_names_joined():
    p = os.path.join(tempfile.gettempdirb(), b"raw2.bin")
    with open(p, "wb") as f:
        f.write(b"x")
    os.remove(p)


# expect: TMP002 safe, TMP002 safe
def wrapped_and_bound_as_path():
    base = Path(os.path.realpath(tempfile.gettempdir()))
    p = base / "named.txt"
    p.write_text("x")
    p.unlink()
