# Paths handed to functions of the same module: each helper's summary says
# what it does with the path, so strings that only reach formatting, mocks
# or getopt are not reported, and paths a helper creates are fixed.
import getopt
import os
from unittest import mock


def describe(path):
    return "config at %s" % path


def parse(argv):
    opts, args = getopt.getopt(argv, "f:")
    return opts


def write_config(path):
    with open(path, "w") as f:
        f.write("x")


class Stub:
    def __init__(self, logfile):
        self.logfile = logfile

    def name(self):
        return self.logfile.upper()


class Writer:
    def __init__(self, target):
        self.target = target

    def run(self):
        open(self.target, "w").close()


# ok
def only_formatted():
    print(describe("/tmp/report.txt"))


# ok
def only_parsed():
    parse(["-f", "/tmp/data.fs"])


# ok
def stored_on_a_stub():
    stub = Stub(logfile="/tmp/stub.log")
    print(stub.name())


# ok
def handed_to_a_mock():
    host = mock.MagicMock()
    host.run("/tmp/remote-file")


# ok
@mock.patch("os.remove")
def patched_away(remove):
    os.remove("/tmp/never-touched")


# expect: TMP002 safe
def created_by_a_helper():
    path = "/tmp/cfg.txt"
    write_config(path)
    os.remove(path)


# The field's uses in the class's methods: created and left behind.
# expect: TMP002 no-fix(left-as-output)
def stored_where_a_method_creates_it():
    Writer("/tmp/out.txt").run()
