# None of these is tempfile.mktemp(): nothing is reported.
import tempfile

from twisted.trial import unittest


class Test(unittest.TestCase):
    def test_trial(self):
        path = self.mktemp()
        open(path, "w").close()


def test_pytest(tmp_path_factory):
    d = tmp_path_factory.mktemp("data")
    return d


def mktemp():
    return "not the tempfile one"


def own_function():
    return mktemp()


def parameter_shadows(tempfile):
    return tempfile.mktemp()


def local_shadows():
    tempfile = FakeModule()
    return tempfile.mktemp()


def safe_calls():
    fd, name = tempfile.mkstemp()
    return fd, name
