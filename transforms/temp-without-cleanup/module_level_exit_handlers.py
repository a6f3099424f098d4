# A module with exit handlers of its own: they run last registered first,
# so one registered earlier would run after the removal and may still use
# the directory. One already registered for removal is not a finding.
import atexit
import os
import shutil
import tempfile
import unittest

# ok
REGISTERED_DIR = tempfile.mkdtemp()
atexit.register(shutil.rmtree, REGISTERED_DIR, ignore_errors=True)


def summary():
    print(sorted(os.listdir(LOG_DIR)))


atexit.register(summary)

# expect: TMP003 unsafe(other-exit-handlers)
LOG_DIR = tempfile.mkdtemp()


# ok
class LogTest(unittest.TestCase):
    def test_log(self):
        open(LOG_DIR + "/ran", "w").close()
