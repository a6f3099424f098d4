# Not reported: names made unpredictable under tempfile.gettempdir(), dir=
# values, names not known in advance, the directory on its own, a join onto
# a fresh mkdtemp() directory, values a mock returns, and paths that never
# reach the file system.
import glob
import logging
import os
import subprocess
import tempfile
from unittest.mock import MagicMock, patch


# ok
def unpredictable_names():
    fd, path = tempfile.mkstemp(dir=tempfile.gettempdir())
    os.close(fd)
    os.remove(path)
    work = tempfile.mkdtemp(dir=os.environ.get("TMPDIR"))
    os.rmdir(work)
    with tempfile.NamedTemporaryFile(dir=tempfile.gettempdir()) as f:
        f.write(b"x")


# ok
def dir_values_in_general():
    with tempfile.TemporaryDirectory(dir=os.path.join(tempfile.gettempdir(), "runs")) as d:
        print(os.listdir(d))


# ok
def joined_onto_a_fresh_directory():
    cfg = os.path.join(tempfile.mkdtemp(), "cfg.json")
    with open(cfg, "w") as f:
        f.write("{}")
    os.remove(cfg)


# ok
def names_not_known_in_advance(name, job_id):
    with open(os.path.join(tempfile.gettempdir(), name), "w") as f:
        f.write("x")
    with open(f"{tempfile.gettempdir()}/job_{job_id}.log", "w") as f:
        f.write("x")
    for old in glob.glob(os.path.join(tempfile.gettempdir(), "job_*.log")):
        os.remove(old)


# ok
def the_directory_on_its_own():
    print(os.listdir(tempfile.gettempdir()))
    subprocess.run(["ls"], cwd=tempfile.gettempdir(), check=True)
    return os.environ.get("TMPDIR")


# ok
def beside_not_under():
    return tempfile.gettempdir() + ".bak"


# ok
def messages_only():
    logging.info("wrote %s", os.path.join(tempfile.gettempdir(), "report.txt"))
    print(os.path.join(tempfile.gettempdir(), "report.txt"))


# ok
def another_variable(environment):
    home = os.environ.get("HOME")
    with open(os.path.join(home, ".cfg"), "w") as f:
        f.write("x")
    with open(os.path.join(os.getenv("TMPDIR", environment), "x.cfg"), "w") as f:
        f.write("x")


# ok
def rebound():
    tmp = tempfile.gettempdir()
    tmp = tempfile.mkdtemp()
    with open(os.path.join(tmp, "cfg.json"), "w") as f:
        f.write("{}")
    os.remove(os.path.join(tmp, "cfg.json"))
    os.rmdir(tmp)


# ok
def bound_twice(flag):
    if flag:
        tmp = os.getcwd()
    else:
        tmp = tempfile.gettempdir()
    with open(os.path.join(tmp, "out.txt"), "w") as f:
        f.write("x")


# ok
@patch("os.getcwd", MagicMock(return_value=os.path.join(tempfile.gettempdir(), "fake-cwd")))
def mocked_values():
    with patch("os.getcwd", return_value=os.path.join(tempfile.gettempdir(), "fake3")):
        return os.getcwd()
