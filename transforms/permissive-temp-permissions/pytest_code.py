# A pytest module: fixtures and tests are test code too.
import os
import subprocess
import tempfile

import pytest


# expect: TMP004 safe
@pytest.fixture
def script():
    fd, path = tempfile.mkstemp(suffix=".sh")
    os.write(fd, b"#!/bin/sh\necho hi\n")
    os.close(fd)
    os.chmod(path, 0o755)
    yield path
    os.unlink(path)


# expect: TMP004 safe, TMP004 unsafe(mode-under-test)
def test_runs(script):
    d = tempfile.mkdtemp()
    os.makedirs(os.path.join(d, "bin"), mode=0o755)
    os.makedirs(os.path.join(d, "cache"), mode=0o775)
    subprocess.run([script], check=True, cwd=d)


# expect: TMP004 unsafe(sharing-intended)
def test_shared():
    os.chmod(os.path.join(tempfile.gettempdir(), "shared"), 0o755)


# A sticky world-writable directory is a shared directory like /tmp, made
# on purpose (here to test how code treats one): no owner-only mode keeps it.
# expect: TMP004 no-fix(sticky-shared-directory)
def test_rejects_links_in_shared_directory():
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o1777)
        os.mkdir(os.path.join(folder, "child"))
