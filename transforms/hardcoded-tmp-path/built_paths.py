import os
import shutil
from pathlib import Path


# expect: TMP002 safe
def joined(name):
    root = os.path.join("/tmp", "build_area")
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, name), "w") as f:
        f.write(name)
    shutil.rmtree(root)


# expect: TMP002 safe
def formatted(job_id):
    log = "/tmp/job_%d.log" % job_id
    with open(log, "w") as f:
        f.write("started")
    os.remove(log)


# expect: TMP002 safe
def f_string(job_id):
    log = f"/tmp/fjob_{job_id}.log"
    with open(log, "w") as f:
        f.write("started")
    os.remove(log)


# expect: TMP002 safe, TMP002 safe
def dot_format(job_id):
    with open("/tmp/job_{}.log".format(job_id), "w") as f:
        f.write("started")
    os.remove("/tmp/job_{}.log".format(job_id))


# expect: TMP002 safe
def path_division():
    base = Path("/tmp") / "cache"
    base.mkdir(exist_ok=True)
    (base / "x").write_text("x")
    shutil.rmtree(base)


# expect: TMP002 safe, TMP002 safe, TMP002 safe, TMP002 safe
def directory_and_child():
    os.mkdir("/tmp/work_root")
    with open("/tmp/work_root/sub.txt", "w") as f:
        f.write("x")
    print(os.listdir("/tmp/work_root"))
    shutil.rmtree("/tmp/work_root")


# expect: TMP002 safe, TMP002 safe
def unix_socket(sock):
    sock.bind("/tmp/app.sock")
    sock.close()
    os.unlink("/tmp/app.sock")
