# Two shapes a fix must not touch the way it would elsewhere.
import os
import shutil

import pytest


def check_exists(path):
    if not os.path.isfile(path):
        raise RuntimeError(path)


# A function nested in a test is not a test: the runner never hands it a
# `tmp_path`. What it does happens whenever it is called.
# expect: TMP002 unsafe(left-behind), TMP002 unsafe(left-behind), TMP002 safe
def test_missing_script():
    def run():
        with open("/tmp/nested-script.sql", "w") as f:
            f.write("select 1")
        check_exists("/tmp/nested-script.sql")

    with pytest.raises(RuntimeError):
        check_exists("/tmp/absent")
    run()


# The directory is cleared before it is made: with the `mkdir` dropped,
# the `rmtree` would remove the fresh directory.
# expect: TMP002 no-fix(removed-before-created)
def serve_root(add_user):
    root = "/tmp/ftp-server-root/"
    if os.path.exists(root):
        shutil.rmtree(root)
    os.mkdir(root)
    add_user("user", root)
