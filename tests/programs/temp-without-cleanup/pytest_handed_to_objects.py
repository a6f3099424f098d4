# expect-clean-after-fix
# Shape: pytest tests (a function and a method of a Test class) make a mkdtemp() directory
# and a mkstemp() file and hand them to the object under test. Nothing removes them, so
# before the fix every run leaves them in $TMPDIR. The fix adds pytest's `request` fixture
# and registers request.addfinalizer() right after each is made. Run by pytest in-process.
# requires: pytest
import contextlib
import io
import os
import sys
import tempfile

import pytest


class Store:
    def __init__(self, root):
        self.root = root

    def put(self, name, data):
        with open(os.path.join(self.root, name), "w") as f:
            f.write(data)


def test_store():
    temp_dir = tempfile.mkdtemp()
    store = Store(temp_dir)
    store.put("a", "1")
    assert os.listdir(store.root) == ["a"]


class TestStore:
    def test_file(self):
        fd, path = tempfile.mkstemp()
        os.close(fd)
        store = Store(os.path.dirname(path))
        store.put(os.path.basename(path), "2")
        with open(path) as f:
            assert f.read() == "2"


class Outcomes:
    def __init__(self):
        self.seen = []

    def pytest_runtest_logreport(self, report):
        if report.when == "call":
            self.seen.append((report.nodeid.split("::", 1)[1], report.outcome))


if __name__ == "__main__":
    sys.dont_write_bytecode = True
    outcomes = Outcomes()
    with contextlib.redirect_stdout(io.StringIO()):
        code = pytest.main(
            [__file__, "-q", "-p", "no:cacheprovider", "--rootdir", os.path.dirname(os.path.abspath(__file__))],
            plugins=[outcomes],
        )
    print("exit:", int(code))
    for name, outcome in outcomes.seen:
        print(name, outcome)
