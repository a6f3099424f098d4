# A unittest method hands the path on (which a test may: the objects die
# with it) and also compares a copy of it written out: the copy is not
# rewritten, so the comparison would fail after the fix.
import unittest


class Sock:
    def __init__(self, path):
        self.path = path
        self.url = "unix://%s" % path

    def create(self):
        open(self.path, "w").close()


# expect: TMP002 unsafe(same-path-left-alone)
class SockTest(unittest.TestCase):
    def test_url(self):
        conf = Sock("/tmp/foo.sock")
        conf.create()
        self.assertEqual(conf.url, "unix:///tmp/foo.sock")
