# The path is used as a file: mkstemp() creates it, os.close() releases the fd.
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path


# expect: TMP001 safe
def write_text():
    name = tempfile.mktemp(suffix=".txt")
    with open(name, "w") as f:
        f.write("data")
    os.remove(name)


# expect: TMP001 safe
def sqlite_db():
    db = tempfile.mktemp(prefix="db_", suffix=".sqlite")
    conn = sqlite3.connect(db)
    conn.close()
    os.remove(db)


# expect: TMP001 safe
def copy_destination(src):
    dst = tempfile.mktemp(dir="/srv/cache")
    shutil.copy(src, dst)
    return dst


# expect: TMP001 safe
def pathlib_write():
    target = tempfile.mktemp()  # keep this comment
    Path(target).write_text("hello")
    print(Path(target).read_text())


# expect: TMP001 safe
def string_ops_before_create():
    name = tempfile.mktemp(".log", "app_")
    if name.endswith(".log"):
        print("log file")
    with open(name, "a") as f:
        f.write("line")
    os.unlink(name)


# expect: TMP001 safe
def one_liner(flag):
    if flag: name = tempfile.mktemp(); open(name, "w").close()


# expect: TMP001 safe
def at_end_of_file():
    name = tempfile.mktemp()
    open(name, "wb").close()