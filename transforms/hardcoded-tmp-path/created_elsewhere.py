# A function that only inspects or removes a fixed path does not make it:
# some other program does, and expects it there. A fresh directory would
# make the check always fail and the removal never find it.
import os
import shutil


# expect: TMP002 no-fix(created-elsewhere)
def display_socket_ready():
    return os.path.exists("/tmp/.X11-unix/X0")


# expect: TMP002 no-fix(created-elsewhere), TMP002 no-fix(created-elsewhere)
def remove_stale_lock():
    if os.path.exists("/tmp/app.lock"):
        os.remove("/tmp/app.lock")


# expect: TMP002 no-fix(created-elsewhere)
def clear_cache_tree():
    shutil.rmtree("/tmp/app-cache", ignore_errors=True)


# Made, read back and removed here: scratch space, a safe fix.
# expect: TMP002 safe, TMP002 safe, TMP002 safe
def scratch():
    with open("/tmp/scratch.txt", "w") as f:
        f.write("x")
    with open("/tmp/scratch.txt") as f:
        data = f.read()
    os.remove("/tmp/scratch.txt")
    return data


# A file made inside it counts as making it.
# expect: TMP002 safe, TMP002 safe
def scratch_inside():
    with open(os.path.join("/tmp/work", "a.txt"), "w") as f:
        f.write("x")
    shutil.rmtree("/tmp/work")
