# The path is used as a file: mkstemp() creates it, os.close() releases the fd.
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path


def write_text():
    name = tempfile.mktemp(suffix=".txt")
    with open(name, "w") as f:
        f.write("data")
    os.remove(name)


def sqlite_db():
    db = tempfile.mktemp(prefix="db_", suffix=".sqlite")
    conn = sqlite3.connect(db)
    conn.close()
    os.remove(db)


def copy_destination(src):
    dst = tempfile.mktemp(dir="/srv/cache")
    shutil.copy(src, dst)
    return dst


def pathlib_write():
    target = tempfile.mktemp()  # keep this comment
    Path(target).write_text("hello")
    print(Path(target).read_text())


def string_ops_before_create():
    name = tempfile.mktemp(".log", "app_")
    if name.endswith(".log"):
        print("log file")
    with open(name, "a") as f:
        f.write("line")
    os.unlink(name)


def one_liner(flag):
    if flag: name = tempfile.mktemp(); open(name, "w").close()


def at_end_of_file():
    name = tempfile.mktemp()
    open(name, "wb").close()