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
