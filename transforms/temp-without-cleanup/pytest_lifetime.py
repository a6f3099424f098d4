# In a pytest test, what the test makes dies when the test ends: a
# temporary directory or file handed to the objects under test is removed
# by a finalizer of pytest's `request` fixture, registered right after it
# is made (the test gets a `request` parameter unless it has one).
import os
import tempfile

import pytest
from helpers import CaseBase


class Queue:
    def __init__(self, root):
        self.root = root

    def push(self, item):
        with open(os.path.join(self.root, item), "w") as f:
            f.write(item)


# expect: TMP003 safe
def test_queue():
    temp_dir = tempfile.mkdtemp()
    queue = Queue(temp_dir)
    queue.push("a")


# expect: TMP003 safe, TMP003 safe
class TestQueue:
    def test_method(self):
        temp_dir = tempfile.mkdtemp()
        queue = Queue(temp_dir)
        queue.push("b")

    def test_with_request(self, request):
        fd, path = tempfile.mkstemp()
        os.close(fd)
        queue = Queue(os.path.dirname(path))
        queue.push(os.path.basename(path))


# A base tempsafe cannot see may be a unittest `TestCase`, whose tests
# pytest gives no fixtures.
# expect: TMP003 no-fix(escapes)
class TestWithABase(CaseBase):
    def test_method(self):
        temp_dir = tempfile.mkdtemp()
        queue = Queue(temp_dir)
        queue.push("d")


# A helper of the tests, not a test: the directory outlives it.
# expect: TMP003 no-fix(escapes)
def make_queue():
    temp_dir = tempfile.mkdtemp()
    return Queue(temp_dir)


# A parameter with a default: pytest would not fill in a new one after it.
# expect: TMP003 no-fix(test-parameters-complex)
def test_defaulted(item="c"):
    temp_dir = tempfile.mkdtemp()
    queue = Queue(temp_dir)
    queue.push(item)


# The test reads another `request`: a parameter would shadow it.
# expect: TMP003 no-fix(name-taken)
def test_reads_a_module_request():
    temp_dir = tempfile.mkdtemp()
    queue = Queue(temp_dir)
    queue.push(request.args)  # noqa: F821


# A fixture may hand the directory to the tests it serves.
# expect: TMP003 no-fix(escapes)
@pytest.fixture
def queue_fixture():
    temp_dir = tempfile.mkdtemp()
    return Queue(temp_dir)
