# Temporary paths stored on `self` in one method and given a permissive mode
# in another method of the same class.
import os
import shutil
import tempfile
import unittest
from pathlib import Path


# expect: TMP004 unsafe
class SharedWorkdir(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.root, ignore_errors=True)

    def test_world_writable(self):
        os.chmod(self.root, 0o777)


# expect: TMP004 unsafe, TMP004 unsafe
class Files:
    def __init__(self):
        fd, self.path = tempfile.mkstemp()
        os.close(fd)
        self.base = Path(tempfile.mkdtemp())

    def share(self):
        os.chmod(self.path, 0o644)
        (self.base / "x").touch(mode=0o666)


# expect: TMP004 unsafe
class UsedBeforeItIsSet:
    def open_up(self):
        os.chmod(self.cache, 0o755)

    def __init__(self):
        self.cache = os.path.join(tempfile.gettempdir(), "cache")


# ok
class AnotherClass:
    def share(self):
        os.chmod(self.root, 0o777)


# ok
class NotTemporary:
    def __init__(self, config):
        self.config = config
        self.logs = "/var/log/app"

    def share(self):
        os.chmod(self.config, 0o644)
        os.chmod(self.logs, 0o755)


# ok
class SometimesTemporary:
    def __init__(self, root=None):
        self.root = tempfile.mkdtemp()
        if root:
            self.root = root

    def share(self):
        os.chmod(self.root, 0o755)


# ok
class NotSelf:
    def __init__(self, other):
        self.root = tempfile.mkdtemp()
        self.other = other

    def share(self):
        os.chmod(self.other.root, 0o777)
        os.chmod(self.root, 0o700)
