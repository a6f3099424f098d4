# A path put into a value bound to a name (a list of expected arguments, a
# helper's result): the name's uses decide. Only compared, printed or
# checked, it is not reported; anything else keeps it unknown.
import unittest

from helpers import use


def url_for(path):
    if not path.startswith("/"):
        path = "/" + path
    return "ssh://host%s" % path


def parse(argv):
    return len(argv)


def create(path):
    open(path, "w").close()


def run():
    return []


# ok
class ExpectedArgv(unittest.TestCase):
    def test_expected_argv(self):
        expected = ["ssh", "-i", "/tmp/id_rsa"]
        expected += ["host"]
        expected.append("cmd")
        self.assertListEqual(expected, run())


# ok
class ResultCompared(unittest.TestCase):
    def test_result_compared(self):
        url = url_for("/tmp/repo.git")
        self.assertEqual("ssh://host/tmp/repo.git", url)


# ok
class ArgvToAParserThroughAssertRaises(unittest.TestCase):
    def test_argv_to_a_parser_through_assert_raises(self):
        self.assertRaises(SystemExit, parse, ["-f", "/tmp/nosuchdir"])


# expect: TMP002 safe
class AssertRaisesCallsItsCallable(unittest.TestCase):
    def test_assert_raises_calls_its_callable(self):
        self.assertRaises(OSError, create, "/tmp/created.txt")


# expect: TMP002 no-fix(passed-on)
class ElementTakenOut(unittest.TestCase):
    def test_element_taken_out(self):
        paths = ["/tmp/taken.txt"]
        use(paths.pop())


# expect: TMP002 no-fix(passed-on)
class ValueHandedOn(unittest.TestCase):
    def test_value_handed_on(self):
        argv = ["-f", "/tmp/handed.fs"]
        use(argv)


# expect: TMP002 no-fix(passed-on)
class ResultHandedOn(unittest.TestCase):
    def test_result_handed_on(self):
        url = url_for("/tmp/result.git")
        use(url)


# expect: TMP002 no-fix(passed-on)
class ValueNeverUsed(unittest.TestCase):
    def test_value_never_used(self):
        unused = ["/tmp/unused.txt"]


def rebound_elsewhere(path, other):
    if other:
        path = other
    return "at %s" % path


# expect: TMP002 no-fix(passed-on)
def rebound_from_another_value(flag):
    print(rebound_elsewhere("/tmp/rebound.txt", flag))
