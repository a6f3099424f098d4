# One path that carries data from one function to another, or that data is
# moved to: a fresh directory per function (removed at its end) would lose it.
import os
import shutil
import unittest


# expect: TMP002 no-fix, TMP002 no-fix, TMP002 no-fix
class DiskTest(unittest.TestCase):
    # salt's test_disk: setUp parks /etc/mtab, tearDown puts it back.
    def setUp(self):
        if os.path.isfile("/etc/mtab"):
            shutil.move("/etc/mtab", "/tmp/mtab")

    def tearDown(self):
        if os.path.isfile("/tmp/mtab"):
            shutil.move("/tmp/mtab", "/etc/mtab")


# expect: TMP002 no-fix
def save_state(state):
    with open("/tmp/app_state.json", "w") as f:
        f.write(state)


# expect: TMP002 no-fix
def load_state():
    with open("/tmp/app_state.json") as f:
        return f.read()


# expect: TMP002 no-fix
def park(config):
    os.rename(config, "/tmp/config.parked")
    print("parked")


# Two tests that each make the same path share nothing: the runner runs
# each by itself, and each gets its own fresh directory.
# expect: TMP002 safe, TMP002 safe, TMP002 safe, TMP002 safe
class LogTest(unittest.TestCase):
    def test_write(self):
        with open("/tmp/shared_log", "w") as f:
            f.write("x")
        self.assertEqual(os.path.getsize("/tmp/shared_log"), 1)

    def test_append(self):
        with open("/tmp/shared_log", "a") as f:
            f.write("xy")
        os.remove("/tmp/shared_log")


# A test that only reads what another test left behind depends on it:
# a fresh directory for either would break the other.
# expect: TMP002 no-fix(shared-with-another-function), TMP002 no-fix(shared-with-another-function)
class OrderedTest(unittest.TestCase):
    def test_1_create(self):
        with open("/tmp/ordered_state", "w") as f:
            f.write("x")

    def test_2_read(self):
        self.assertTrue(os.path.exists("/tmp/ordered_state"))
