# Paths handed to functions of the same module: each helper's summary says
# what it does with the path, so strings that only reach formatting, mocks
# or getopt are not reported, and paths a helper creates are fixed.
import getopt
import os
from unittest import mock
from urllib.parse import urlunsplit


def describe(path):
    return "config at %s" % path


def parse(argv):
    opts, args = getopt.getopt(argv, "f:")
    return opts


def write_config(path):
    with open(path, "w") as f:
        f.write("x")


def to_url(path):
    return urlunsplit(("file", "", path, "", ""))


def command_line(path):
    return " ".join(["tar", "-xf", path])


def open_renamed(path):
    return open(path[:-4] + ".cfg", "w")


class Report:
    def __init__(self, path):
        self.path: str = path

    def write(self):
        open(self.path, "w").close()

    def __repr__(self):
        return f"<Report {self.path}>"


class Stub:
    def __init__(self, logfile):
        self.logfile = logfile

    def name(self):
        return self.logfile.upper()


class Writer:
    def __init__(self, target):
        self.target = os.path.abspath(target)

    def run(self):
        open(self.target, "w").close()


# ok
def only_formatted():
    print(describe("/tmp/report.txt"))


# ok
def only_in_a_url_and_a_command_line():
    print(to_url("/tmp/repo.git"), command_line("/tmp/archive.tar"))


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


# The path meets unknown code (a slice) inside the returned expression: what
# the caller does with the result does not decide.
# expect: TMP002 no-fix(passed-on)
def opened_inside_a_return():
    open_renamed("/tmp/renamed.tmp").close()


# An object only printed or compared runs only its text methods (`__repr__`,
# `__eq__`, ...): `write` never runs here.
# ok
def only_printed():
    print(repr(Report("/tmp/report.html")))


# `write` creates the file and nothing removes it (`__repr__` only makes
# text of the field).
# expect: TMP002 no-fix(left-as-output)
def written_by_a_method():
    Report("/tmp/written.html").write()


class DailyReport(Report):
    def __init__(self, path):
        Report.__init__(self, path)


# The base class's `__init__` called as a statement: the object lives on.
# expect: TMP002 no-fix(passed-on)
def written_by_a_subclass():
    DailyReport("/tmp/daily.html").write()


class Log:
    def __init__(self, path):
        self.path = path
        self.file = open(self.path, "a")

    def __repr__(self):
        return f"<Log {self.path}>"


class Cache:
    def __init__(self, path):
        self.path = path
        self.fill()

    def fill(self):
        open(self.path, "w").close()

    def __repr__(self):
        return f"<Cache {self.path}>"


# Construction runs, even for an object only printed: `__init__` opens the
# file, and another method it calls creates it.
# expect: TMP002 no-fix(left-as-output), TMP002 no-fix(left-as-output)
def made_then_printed():
    print(repr(Log("/tmp/app.log")), repr(Cache("/tmp/app.cache")))


# The same through a name: only printed and compared there.
# ok
def printed_through_a_name():
    report = Report("/tmp/named.html")
    print(repr(report), report == report)


# expect: TMP002 no-fix(outlives-function)
def method_called_through_a_name():
    report = Report("/tmp/named-written.html")
    report.write()


def write_inside(directory):
    target = os.path.join(directory, "out.txt")
    open(target, "w").close()


def show(directory, name):
    print("%s in %s" % (name, directory))


# The helper makes a fixed name inside the bare directory it is given (through
# a name built from it): the fixed name is predictable.
# expect: TMP002 no-fix(left-as-output)
def bare_directory_a_helper_writes_in():
    write_inside("/tmp")


# Beside a file name, but the helper's summary is complete: it only formats
# them, so nothing is made in the directory.
# ok
def bare_directory_beside_a_name_only_formatted():
    show("/tmp", "report.txt")


class Notice:
    def __init__(self, path):
        self.path = path

    def check(self, seen):
        name = self.path
        seen.pop(name, None)
        if not name:
            raise ValueError("no path: %s" % name)
        print(name)


class Dump:
    def __init__(self, path):
        self.path = path

    def run(self):
        name = self.path
        open(name, "w").close()


# The field read into a local is followed through the local: popped from a
# dict, raised in a message and printed, never a file.
# ok
def field_through_a_local_only_printed():
    Notice("/tmp/notice.txt").check({})


# The local is opened for writing: the file is made and left behind.
# expect: TMP002 no-fix(left-as-output)
def field_through_a_local_written():
    Dump("/tmp/dump.txt").run()
