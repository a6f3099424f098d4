# One path that setUp makes, the tests use and tearDown removes: the
# class's fixture methods and each test are one test's life, so one fresh
# directory made in setUp (removed by addCleanup, after tearDown) serves
# them all. A copy anywhere else keeps them as they are.
import os
import subprocess
import unittest

from package.testing import PackageTestCase

SCRIPT = "touch /tmp/sigpipe.marker"


# A command's argument is not a finding by itself, but it is rewritten
# with the rest.
# expect: TMP002 safe, TMP002 safe, TMP002 safe
class ScriptTest(unittest.TestCase):
    def setUp(self):
        """Write the script the tests run."""
        with open("/tmp/test_script.sh", "w") as f:
            f.write("echo hello\n")

    def tearDown(self):
        os.remove("/tmp/test_script.sh")

    def test_runs(self):
        out = subprocess.check_output(["sh", "/tmp/test_script.sh"])
        self.assertEqual(out, b"hello\n")

    def test_in_a_closure(self):
        def run():
            return subprocess.check_output(["sh", "/tmp/test_script.sh"])

        self.assertEqual(run(), b"hello\n")

    def test_exists(self):
        self.assertTrue(os.path.exists("/tmp/test_script.sh"))


# The same path in a second class that makes it the same way: each class
# gets its own directory.
# expect: TMP002 safe, TMP002 safe
class OtherScriptTest(unittest.TestCase):
    def setUp(self):
        with open("/tmp/test_script.sh", "w") as f:
            f.write("exit 1\n")

    def tearDown(self):
        os.remove("/tmp/test_script.sh")

    def test_fails(self):
        self.assertEqual(subprocess.call(["sh", "/tmp/test_script.sh"]), 1)


# The marker is also written in the module's SCRIPT, which the fix cannot
# change: the tests must keep looking where the script writes.
# expect: TMP002 no-fix(shared-with-another-function), TMP002 no-fix(shared-with-another-function), TMP002 no-fix(shared-with-another-function)
class MarkerTest(unittest.TestCase):
    def setUp(self):
        subprocess.call(["sh", "-c", SCRIPT])

    def tearDown(self):
        if os.path.exists("/tmp/sigpipe.marker"):
            os.remove("/tmp/sigpipe.marker")

    def test_marker(self):
        self.assertTrue(os.path.exists("/tmp/sigpipe.marker"))


# Made once for the class: setUpClass's life is not one test's.
# expect: TMP002 no-fix(shared-with-another-function), TMP002 no-fix(shared-with-another-function)
class ClassFixtureTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open("/tmp/class_fixture.txt", "w") as f:
            f.write("x")

    def test_read(self):
        with open("/tmp/class_fixture.txt") as f:
            self.assertEqual(f.read(), "x")


# No setUp to make the directory in: the test makes the path, tearDown
# removes it.
# expect: TMP002 no-fix(shared-with-another-function), TMP002 no-fix(shared-with-another-function)
class NoSetUpTest(unittest.TestCase):
    def tearDown(self):
        os.remove("/tmp/no_set_up.txt")

    def test_write(self):
        with open("/tmp/no_set_up.txt", "w") as f:
            f.write("x")


# expect: TMP002 no-fix(shared-with-another-function)
def helper_reading_the_log():
    with open("/tmp/helper_shared.log") as f:
        return f.read()


# A function outside the class reads the same path.
# expect: TMP002 no-fix(shared-with-another-function), TMP002 no-fix(shared-with-another-function)
class HelperSharedTest(unittest.TestCase):
    def setUp(self):
        with open("/tmp/helper_shared.log", "w") as f:
            f.write("x")

    def test_read(self):
        self.assertEqual(helper_reading_the_log(), "x")
        os.remove("/tmp/helper_shared.log")


# A copy compared in the class is rewritten with the rest: both sides of
# the comparison change together.
# expect: TMP002 safe, TMP002 safe
class ComparedTest(unittest.TestCase):
    def setUp(self):
        self.path = "/tmp/compared_log.txt"
        with open(self.path, "w") as f:
            f.write("x")

    def test_path(self):
        self.assertEqual(self.path, "/tmp/compared_log.txt")
        self.assertTrue(os.path.exists("/tmp/compared_log.txt"))


# A message naming the path stays as it is: the fix is offered, not as safe.
# expect: TMP002 unsafe(same-path-left-alone), TMP002 unsafe(same-path-left-alone)
class MessageTest(unittest.TestCase):
    def setUp(self):
        open("/tmp/message_log.txt", "w").close()

    def test_exists(self):
        self.assertTrue(os.path.exists("/tmp/message_log.txt"), "no /tmp/message_log.txt")


# A test that only reads what another test wrote depends on it, setUp or
# not: a directory per test would break it.
# expect: TMP002 no-fix(shared-with-another-function), TMP002 no-fix(shared-with-another-function)
class OrderedWithSetUpTest(unittest.TestCase):
    def setUp(self):
        self.ready = True

    def test_1_write(self):
        with open("/tmp/ordered_with_set_up", "w") as f:
            f.write("x")

    def test_2_read(self):
        self.assertTrue(os.path.exists("/tmp/ordered_with_set_up"))


# A subclass (here one whose setUp calls no other): its inherited tests
# might run without the directory.
# expect: TMP002 no-fix(shared-with-another-function), TMP002 no-fix(shared-with-another-function)
class BaseFixtureTest(unittest.TestCase):
    def setUp(self):
        with open("/tmp/base_fixture.txt", "w") as f:
            f.write("x")

    def test_read(self):
        with open("/tmp/base_fixture.txt") as f:
            self.assertEqual(f.read(), "x")


# ok
class OwnFixtureTest(BaseFixtureTest):
    def setUp(self):
        self.own = True


# setUp sets up what the path lives in first (a fake file system, the
# base's setUp): the directory is made right before the path is first used.
# expect: TMP002 safe, TMP002 safe
class FakeFilesystemTest(unittest.TestCase):
    def setUp(self):
        super().setUp()
        self.ready = True
        with open("/tmp/after_setup.txt", "w") as f:
            f.write("x")

    def test_read(self):
        with open("/tmp/after_setup.txt") as f:
            self.assertEqual(f.read(), "x")


# setUp makes the directory, but a test reads a file in it that another
# test wrote.
# expect: TMP002 no-fix(shared-with-another-function), TMP002 no-fix(shared-with-another-function), TMP002 no-fix(shared-with-another-function)
class CacheDirTest(unittest.TestCase):
    def setUp(self):
        os.makedirs("/tmp/cache_dir", exist_ok=True)

    def test_1_store(self):
        with open("/tmp/cache_dir/entry", "w") as f:
            f.write("x")

    def test_2_load(self):
        with open("/tmp/cache_dir/entry") as f:
            self.assertEqual(f.read(), "x")


# A pattern elsewhere in the class may match the files: it would not move
# with them.
# expect: TMP002 no-fix(shared-with-another-function), TMP002 no-fix(shared-with-another-function), TMP002 no-fix(passed-on)
class PatternTest(unittest.TestCase):
    def setUp(self):
        open("/tmp/part1.log", "w").close()

    def tearDown(self):
        os.remove("/tmp/part1.log")

    def test_listed(self):
        import glob

        self.assertEqual(len(glob.glob("/tmp/part*.log")), 1)


# A base defined elsewhere runs a setUp that is not seen: not safe.
# expect: TMP002 unsafe(base-class-not-seen), TMP002 unsafe(base-class-not-seen)
class OnAPackageBase(PackageTestCase):
    def setUp(self):
        open("/tmp/package_base.txt", "w").close()

    def tearDown(self):
        os.remove("/tmp/package_base.txt")


NAME = "spelled.txt"


# The same path spelled with its name known only at run time: the class
# is not rewritten, and a test that only checks such a path (made by setUp,
# by another test or by another program) keeps it as it is.
# expect: TMP002 no-fix(shared-with-another-function), TMP002 no-fix(shared-with-another-function), TMP002 no-fix(created-elsewhere), TMP002 no-fix(created-elsewhere)
class SpelledTest(unittest.TestCase):
    def setUp(self):
        with open("/tmp/spelled.txt", "w") as f:
            f.write("x")

    def tearDown(self):
        os.remove("/tmp/spelled.txt")

    def test_fstring(self):
        self.assertTrue(os.path.exists(f"/tmp/{NAME}"))

    def test_percent(self):
        self.assertTrue(os.path.exists("/tmp/%s" % NAME))
