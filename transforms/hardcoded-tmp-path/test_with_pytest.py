import os

import pytest


def test_writes_report():
    with open("/tmp/test_report.txt", "w") as f:
        f.write("ok")
    assert os.path.exists("/tmp/test_report.txt")


def test_with_fixture(monkeypatch):
    os.makedirs("/tmp/test_cache/sub", exist_ok=True)
    assert os.path.isdir(f"/tmp/test_cache/{'sub'}")


@pytest.mark.parametrize("n", [1, 2])
def test_parametrized(n):
    path = f"/tmp/param_{n}.txt"
    with open(path, "w") as f:
        f.write(str(n))
