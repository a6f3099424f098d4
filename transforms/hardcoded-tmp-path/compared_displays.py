# A path inside a list, tuple, set or dict display that is only compared
# (`==`, `in`) or handed to an assertion method is an expected value: no
# file is made of it.
import subprocess
import unittest
from unittest import mock


def archive(paths):
    subprocess.run(["zip", "-r", *paths], check=True)


class ArchiveTest(unittest.TestCase):
    # ok
    def test_expected_command(self):
        with mock.patch("subprocess.run") as run:
            archive(["a"])
        run.assert_called_once_with(["zip", "-r", "/tmp/out.zip"], check=True)

    # ok
    def test_expected_mapping(self):
        self.assertEqual(dict(listing()), {"/tmp/test_100": b"done"})

    # ok
    def test_expected_pair(self):
        self.assertEqual(listing(), ("x", "/tmp/test_101"))


def listing():
    return {}


# ok
def skipped(path):
    return path in ("/tmp/salt-dir/.file3", "/tmp/salt-dir/.dir3")


# ok
def test_filtered():
    assert sorted(listing()) == ["/tmp/foo"]


# The tuple is handed to code that runs it: the path reaches the command.
# expect: TMP002 no-fix(passed-on)
def runs_it(runner):
    runner(("rm", "-rf", "/tmp/build-cache"))
