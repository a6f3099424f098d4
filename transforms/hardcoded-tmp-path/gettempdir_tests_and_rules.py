# Fixed names under tempfile.gettempdir() follow the literals' rules: the
# test fixtures, the suppressions (`# noqa: TMP002`/`S108` covers both),
# the report-only cases and paths shared between functions.
import os
import socket
import tempfile
import unittest

import pytest

# expect: TMP002 no-fix(module-constant)
TMP = tempfile.gettempdir()
SOCKET = os.path.join(TMP, "app.sock")


# expect: TMP002 safe
def test_pytest_function():
    p = os.path.join(tempfile.gettempdir(), "t_cfg.json")
    with open(p, "w") as f:
        f.write("{}")
    assert os.path.exists(p)


# expect: TMP002 safe
class TestDirectory(unittest.TestCase):
    def test_unittest_method(self):
        d = os.path.join(tempfile.gettempdir(), "ut_dir")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "f"), "w") as f:
            f.write("x")
        self.assertTrue(os.path.exists(d))


# expect: TMP002 no-fix(shares-suppressed-path)
def suppressed_literal_same_name():
    legacy = "/tmp/shared_name.txt"  # noqa: TMP002
    new = os.path.join(tempfile.gettempdir(), "shared_name.txt")
    with open(new, "w") as f:
        f.write("x")
    print(os.path.exists(legacy))
    os.remove(new)


# expect: TMP002 safe
def suppressed_joined_path():
    kept = os.path.join(tempfile.gettempdir(), "kept.txt")  # noqa: S108
    moved = "/tmp/moved.txt"
    with open(moved, "w") as f:
        f.write(kept)
    os.remove(moved)


# expect: TMP002 no-fix(left-as-output)
def lock_left_for_other_processes():
    lock = os.path.join(tempfile.gettempdir(), "service.lock")
    with open(lock, "w") as f:
        f.write(str(os.getpid()))


# ok
def server():
    s = socket.socket(socket.AF_UNIX)
    s.bind(SOCKET)
    return s


# expect: TMP002 safe, TMP002 safe
def module_level_directory():
    with open(os.path.join(TMP, "from_module.txt"), "w") as f:
        f.write("x")
    os.remove(os.path.join(TMP, "from_module.txt"))


# expect: TMP002 no-fix(shared-with-another-function)
def writer():
    with open(os.path.join(tempfile.gettempdir(), "handover.txt"), "w") as f:
        f.write("x")


# expect: TMP002 no-fix(shared-with-another-function)
def reader():
    with open("/tmp/handover.txt") as f:
        return f.read()
