# A module whose tests start processes: with the spawn method each worker
# imports the module again, makes a directory of its own and would remove
# it at its exit, with the files it handed back to the parent.
import os
import tempfile
import unittest
from concurrent.futures import ProcessPoolExecutor

# expect: TMP003 unsafe(child-processes)
WORK_DIR = tempfile.mkdtemp()


def write(name):
    path = os.path.join(WORK_DIR, name)
    with open(path, "w") as f:
        f.write(name)
    return path


# ok
class PoolTest(unittest.TestCase):
    def test_pool(self):
        with ProcessPoolExecutor(1) as pool:
            path = pool.submit(write, "a").result()
        self.assertTrue(os.path.exists(path))
