# In a unittest method, what the test makes dies when the test ends: the
# fresh-directory form registers `self.addCleanup()` for its directory, so
# it is removed on every path, even where the program never removes the
# path itself.
import os
import socket
import tempfile
import unittest


# ok
class Base(unittest.TestCase):
    pass


# expect: TMP001 safe, TMP001 safe, TMP001 unsafe(fresh-directory-in-program-dir)
class SocketTests(Base):
    def test_bind_never_removed(self):
        # error: fixed; the base class in this module is a TestCase.
        name = tempfile.mktemp(suffix=".sock")
        s = socket.socket(socket.AF_UNIX)
        s.bind(name)
        s.close()

    def test_bind_then_removed(self):
        # error: fixed; the cleanup also covers an exception before the removal.
        name = tempfile.mktemp(suffix=".sock")
        s = socket.socket(socket.AF_UNIX)
        s.bind(name)
        s.close()
        os.remove(name)

    def test_in_program_dir(self):
        # error: unsafe fix; a new directory appears in the program's own.
        name = tempfile.mktemp(dir=".")
        s = socket.socket(socket.AF_UNIX)
        s.bind(name)
        s.close()
        os.remove(name)


# expect: TMP001 no-fix(never-removed), TMP001 no-fix(result-passed-on), TMP001 no-fix(never-removed)
class NotInATest(unittest.TestCase):
    @staticmethod
    def helper():
        # error: no fix; a static method has no test to clean up after.
        name = tempfile.mktemp(suffix=".sock")
        s = socket.socket(socket.AF_UNIX)
        s.bind(name)
        s.close()

    def __init__(self, name):
        # error: no fix; __init__ runs when the suite is loaded.
        super().__init__(name)
        self.name = tempfile.mktemp(suffix=".sock")
        s = socket.socket(socket.AF_UNIX)
        s.bind(self.name)
        s.close()

    def test_nested(self):
        def inner():
            # error: no fix; a nested function may outlive the test.
            name = tempfile.mktemp(suffix=".sock")
            s = socket.socket(socket.AF_UNIX)
            s.bind(name)
            s.close()

        inner()


# expect: TMP001 no-fix(never-removed)
class NotATest:
    def bind(self):
        # error: no fix; not a TestCase, nothing removes the directory.
        name = tempfile.mktemp(suffix=".sock")
        s = socket.socket(socket.AF_UNIX)
        s.bind(name)
        s.close()


# expect: TMP001 no-fix(never-removed)
class Unknown(SomeImportedBase):  # noqa: F821
    def test_bind(self):
        # error: no fix; the base cannot be resolved, so it is not a TestCase.
        name = tempfile.mktemp(suffix=".sock")
        s = socket.socket(socket.AF_UNIX)
        s.bind(name)
        s.close()


# expect: TMP001 safe, TMP001 unsafe(not-created-here)
class HandedToTheCodeUnderTest(unittest.TestCase):
    def test_config(self):
        # error: fixed; in a test, only the directory part of the name changes.
        path = tempfile.mktemp()
        config = "path %s" % path
        run_config(config)  # noqa: F821


class NotATestCase:
    def config(self):
        # error: unsafe fix; outside a test the unseen code may need the
        # name where it was.
        path = tempfile.mktemp()
        config = "path %s" % path
        run_config(config)  # noqa: F821
        os.remove(path)


# expect: TMP001 safe
class SocketInSetUp(unittest.TestCase):
    def setUp(self):
        # error: fixed; the test's end removes the directory.
        self.sock = tempfile.mktemp(suffix=".sock")

    def tearDown(self):
        if os.path.exists(self.sock):
            os.unlink(self.sock)

    def test_bind(self):
        s = socket.socket(socket.AF_UNIX)
        s.bind(self.sock)
        s.close()


# expect: TMP001 no-fix(name-only)
class NameTakenApart(unittest.TestCase):
    def setUp(self):
        # error: no fix; the test looks the socket up by its basename.
        self.sock = tempfile.mktemp(suffix=".sock")

    def test_bind(self):
        s = socket.socket(socket.AF_UNIX)
        s.bind(self.sock)
        self.assertIn(os.path.basename(self.sock), os.listdir(tempfile.gettempdir()))
        s.close()


# expect: TMP001 no-fix(result-passed-on)
class AttributeOutsideATest:
    def __init__(self):
        # error: no fix; its uses outside a test are not followed.
        self.sock = tempfile.mktemp(suffix=".sock")


class LockedFD:
    def __init__(self, path):
        self.path = path


# expect: TMP001 safe, TMP001 safe, TMP001 unsafe(fresh-directory-in-program-dir)
class PassedOnInATest(unittest.TestCase):
    def test_lock(self):
        # error: fixed; a directory made before the statement holds the name.
        lock = LockedFD(tempfile.mktemp())
        self.assertFalse(os.path.exists(lock.path))

    def test_keyword(self):
        # error: fixed; as a keyword argument too.
        LockedFD(path=tempfile.mktemp(suffix=".lock"))

    def test_in_program_dir(self):
        # error: unsafe fix; the new directory appears in the program's own.
        LockedFD(tempfile.mktemp(dir="."))


# expect: TMP001 no-fix(result-passed-on), TMP001 no-fix(result-passed-on), TMP001 no-fix(result-passed-on), TMP001 no-fix(result-passed-on), TMP001 no-fix(result-passed-on)
class PassedOnButNotOnce(unittest.TestCase):
    def test_in_a_comprehension(self):
        # error: no fix; one directory would serve several names.
        locks = [LockedFD(tempfile.mktemp()) for _ in range(3)]
        self.assertEqual(len(locks), 3)

    def test_conditional(self, flag=False):
        # error: no fix; the call does not always run.
        lock = LockedFD(tempfile.mktemp()) if flag else None
        self.assertIsNone(lock)

    def test_in_a_loop_header(self):
        # error: no fix; a loop header runs again each time round.
        while LockedFD(tempfile.mktemp()).path is None:
            pass

    def test_basename(self):
        # error: no fix; the random name itself is the point.
        self.assertTrue(os.path.basename(tempfile.mktemp()))

    def returned(self):
        # error: no fix; the callers may take the name apart.
        return LockedFD(tempfile.mktemp())
