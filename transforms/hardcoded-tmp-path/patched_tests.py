# A test that patches code while it runs: the package's summaries describe
# the unpatched code, so what the patched code does with a path handed to it
# is not known, and no fix is offered (salt's `patch.dict(__salt__, ...)`).
from unittest import mock

import pytest


# expect: TMP002 unsafe(handed-on)
def test_not_patched():
    path = "/tmp/state.txt"
    open(path, "w").close()
    apply_state(path)  # noqa: F821


# expect: TMP002 no-fix(passed-on)
def test_patched():
    path = "/tmp/patched-state.txt"
    with mock.patch.dict(STATES, {"file.write": print}):  # noqa: F821
        open(path, "w").close()
        apply_state(path)  # noqa: F821


# ok
@pytest.fixture
def unused():
    return None
