import os
import tempfile
import unittest


def create_file(path, data=""):
    with open(path, "w") as f:
        f.write(data)


# setUp stores the path on self; tearDown and the tests use it through the
# field: the fresh directory is removed by addCleanup, after tearDown.
# expect: TMP002 safe
class PolicyTestCase(unittest.TestCase):
    def setUp(self):
        tmpdir = os.path.realpath(tempfile.gettempdir())
        self.env = {"path": tmpdir}
        self.authz_file = os.path.join(tmpdir, "authz-policy")
        create_file(self.authz_file)
        self.env["authz_file"] = self.authz_file

    def tearDown(self):
        os.remove(self.authz_file)

    def test_policy(self):
        create_file(self.authz_file, "[groups]\n")


# Outside a test, a path stored on the object outlives the method: no
# fix that removes it when the method returns.
# expect: TMP002 no-fix(shared-with-another-function)
class Service:
    def __init__(self):
        self.log = "/tmp/service.log"

    def start(self):
        with open(self.log, "a") as f:
            f.write("started\n")
