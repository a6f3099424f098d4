import os

import pytest


# expect: TMP002 safe, TMP002 safe
def test_writes_report():
    with open("/tmp/test_report.txt", "w") as f:
        f.write("ok")
    assert os.path.exists("/tmp/test_report.txt")


# expect: TMP002 safe, TMP002 safe
def test_with_fixture(monkeypatch):
    os.makedirs("/tmp/test_cache/sub", exist_ok=True)
    assert os.path.isdir(f"/tmp/test_cache/{'sub'}")


# expect: TMP002 safe
@pytest.mark.parametrize("n", [1, 2])
def test_parametrized(n):
    path = f"/tmp/param_{n}.txt"
    with open(path, "w") as f:
        f.write(str(n))
