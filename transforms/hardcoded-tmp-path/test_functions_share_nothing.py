# pytest tests that write the same fixed path each get their own `tmp_path`.
import os

import pytest


# expect: TMP002 safe, TMP002 safe
def test_first():
    with open("/tmp/pytest_shared.txt", "w") as f:
        f.write("a")
    assert os.path.exists("/tmp/pytest_shared.txt")


# expect: TMP002 safe
def test_second():
    with open("/tmp/pytest_shared.txt", "w") as f:
        f.write("b")


# A helper the tests call is not a test: the path it writes is the tests'.
# expect: TMP002 no-fix(shared-with-another-function)
def make_config():
    with open("/tmp/pytest_config.ini", "w") as f:
        f.write("[x]")


# expect: TMP002 no-fix(shared-with-another-function)
def test_uses_config():
    make_config()
    with open("/tmp/pytest_config.ini") as f:
        assert f.read()
