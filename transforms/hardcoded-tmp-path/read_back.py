# A path handed to an object under a keyword (`stdout_logfile=`) and read
# back later in the same function under that name (`logfile =
# process.config.stdout_logfile`): what is done with the read is done with
# the path.
import os
import unittest

from helpers import Config, Supervisor


# In a test, the objects it made die when it ends: the file the test opens
# through the read goes into a directory removed with `addCleanup`.
# expect: TMP002 safe
class ReadLogTest(unittest.TestCase):
    def test_read_log(self):
        config = Config("process1", stdout_logfile="/tmp/process1.log")
        supervisor = Supervisor(config)
        logfile = supervisor.processes["process1"].config.stdout_logfile
        try:
            with open(logfile, "w+") as f:
                f.write("x" * 2048)
            self.assertEqual(supervisor.read_log("process1"), "x" * 2048)
        finally:
            os.remove(logfile)


# Read back under another name: nothing says the objects give the path back.
# expect: TMP002 no-fix(passed-on)
class OtherNameTest(unittest.TestCase):
    def test_other_name(self):
        config = Config("process1", stdout_logfile="/tmp/process2.log")
        supervisor = Supervisor(config)
        logfile = supervisor.processes["process1"].config.stderr_logfile
        with open(logfile, "w+") as f:
            f.write("x")


# The name bound twice: its later uses may be of another value.
# expect: TMP002 no-fix(passed-on)
class ReboundTest(unittest.TestCase):
    def test_rebound(self):
        config = Config("process1", stdout_logfile="/tmp/process3.log")
        supervisor = Supervisor(config)
        logfile = supervisor.config.stdout_logfile
        logfile = supervisor.other_log()
        with open(logfile, "w+") as f:
            f.write("x")
