# Directories and several names under tempfile.gettempdir(): the new
# directory stands for the first name under it, or for the temporary
# directory itself; a function's literals and these paths are rewritten
# together, into one fresh directory.
import os
import shutil
import tempfile
from pathlib import Path


# expect: TMP002 safe, TMP002 safe
def joined_directory_and_child(name):
    root = os.path.join(tempfile.gettempdir(), "build_area")
    os.makedirs(root)
    with open(os.path.join(tempfile.gettempdir(), "build_area", name), "w") as f:
        f.write(name)
    shutil.rmtree(root)


# expect: TMP002 safe, TMP002 safe, TMP002 safe
def concatenated_directory_and_child():
    os.mkdir(tempfile.gettempdir() + "/concat_root")
    with open(tempfile.gettempdir() + "/concat_root/sub.txt", "w") as f:
        f.write("x")
    shutil.rmtree(tempfile.gettempdir() + "/concat_root")


# expect: TMP002 safe, TMP002 safe, TMP002 safe
def f_string_directory_and_child(job_id):
    os.mkdir(f"{tempfile.gettempdir()}/fjobs")
    with open(f"{tempfile.gettempdir()}/fjobs/{job_id}.log", "w") as f:
        f.write("started")
    shutil.rmtree(f"{tempfile.gettempdir()}/fjobs")


# expect: TMP002 safe, TMP002 safe, TMP002 safe
def divided_directory_and_child():
    (Path(tempfile.gettempdir()) / "cache_root").mkdir()
    (Path(tempfile.gettempdir()) / "cache_root" / "entry").write_text("x")
    shutil.rmtree(Path(tempfile.gettempdir()) / "cache_root")


# expect: TMP002 unsafe(left-behind), TMP002 unsafe(left-behind), TMP002 unsafe(left-behind)
def several_names():
    with open(os.path.join(tempfile.gettempdir(), "a.log"), "w") as f:
        f.write("a")
    with open(os.path.join(tempfile.gettempdir(), "b.log"), "w") as f:
        f.write("b")
    print(os.path.getsize(os.path.join(tempfile.gettempdir(), "a.log")))


# expect: TMP002 safe, TMP002 safe
def with_a_literal():
    a = "/tmp/lit.txt"
    b = os.path.join(tempfile.gettempdir(), "joined.txt")
    with open(a, "w") as f:
        f.write("a")
    with open(b, "w") as f:
        f.write("b")
    os.remove(a)
    os.remove(b)


# expect: TMP002 safe, TMP002 safe
def socket_path(sock):
    sock.bind(os.path.join(tempfile.gettempdir(), "app.sock"))
    sock.close()
    os.unlink(os.path.join(tempfile.gettempdir(), "app.sock"))
