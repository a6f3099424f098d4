# Shape: a unittest.TestCase method hands a fixed log path under /tmp to a config object as
# `logfile=`, hands the config to another object, reads the path back through it
# (`runner.config.logfile`), writes and reads the file and removes it in a `finally`. The tests
# are run programmatically and only wasSuccessful()/testsRun are printed.
# Expected fix: the path in a fresh `tempfile.mkdtemp()` directory removed by `addCleanup`; the
# read-back name then holds the new path.
import io
import os
import shutil
import unittest


def remove_stale(name):
    # Undo an earlier run of the unfixed program so that runs repeat; spelled without a "/tmp"
    # literal so that the fix leaves this helper alone.
    stale = os.path.join(os.sep, "tmp", name)
    if os.path.isdir(stale):
        shutil.rmtree(stale)
    elif os.path.exists(stale):
        os.remove(stale)


class Config:
    def __init__(self, name, logfile=None):
        self.name = name
        self.logfile = logfile


class Runner:
    def __init__(self, config):
        self.config = config
        self.registry = {config.name: config}


class ReadBackTest(unittest.TestCase):
    def test_log_read_back(self):
        config = Config("job", logfile="/tmp/tempsafe_read_back.log")
        runner = Runner(config)
        logfile = runner.config.logfile
        try:
            with open(logfile, "w") as f:
                f.write("x" * 16)
            with open(logfile) as f:
                self.assertEqual(len(f.read()), 16)
        finally:
            os.remove(logfile)


if __name__ == "__main__":
    remove_stale("tempsafe_read_back.log")
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(ReadBackTest)
    result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)
    print("successful:", result.wasSuccessful())
    print("tests run:", result.testsRun)
