import json
import os
import sqlite3


# expect: TMP002 safe, TMP002 safe, TMP002 safe
def write_config(data):
    # Created and removed by the function: scratch space, a safe fix.
    with open("/tmp/cfg.json", "w") as f:
        json.dump(data, f)
    with open("/tmp/cfg.json") as f:
        loaded = json.load(f)
    os.remove("/tmp/cfg.json")
    return loaded


# expect: TMP002 no-fix
def database():
    # Left behind and never read back: its output, another program may read it. No fix.
    conn = sqlite3.connect("/var/tmp/app.db")
    conn.execute("create table t (x)")
    conn.close()


# expect: TMP002 safe
def bound_to_a_variable(lines):
    path = "/tmp/report.txt"
    with open(path, "w") as f:
        f.writelines(lines)
    size = os.path.getsize(path)
    os.unlink(path)
    return size


# expect: TMP002 unsafe
def report_with_lock(text):
    # A lock file beside the report, not inside it: the report stays a file.
    path = "/tmp/locked_report.txt"
    with open(path + ".lock", "w") as lock:
        lock.write("1")
    with open(path, "w") as f:
        f.write(text)
    os.remove(path + ".lock")
    os.remove(path)
