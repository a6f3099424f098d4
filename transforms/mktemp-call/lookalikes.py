# None of these is tempfile.mktemp(): nothing is reported.
import tempfile

from twisted.trial import unittest


# ok
class Test(unittest.TestCase):
    def test_trial(self):
        path = self.mktemp()
        open(path, "w").close()


# ok
def test_pytest(tmp_path_factory):
    d = tmp_path_factory.mktemp("data")
    return d


# ok
def mktemp():
    return "not the tempfile one"


# ok
def own_function():
    return mktemp()


# ok
def parameter_shadows(tempfile):
    return tempfile.mktemp()


# ok
def local_shadows():
    tempfile = FakeModule()
    return tempfile.mktemp()


# ok
def safe_calls():
    fd, name = tempfile.mkstemp()
    return fd, name
