import os


# expect: TMP002 no-fix
def returned():
    path = "/tmp/result.txt"
    with open(path, "w") as f:
        f.write("x")
    return path


# expect: TMP002 no-fix
def compared_elsewhere(path):
    with open("/tmp/expected.txt", "w") as f:
        f.write("x")
    return path == "/tmp/expected.txt"


# expect: TMP002 no-fix
CONFIG = "/tmp/app.conf"


# ok
def load():
    return open(CONFIG).read()


# expect: TMP002 no-fix
def test_load():
    # The module reads the same path: rewriting the test alone would break it.
    with open("/tmp/app.conf", "w") as f:
        f.write("x")
    assert load() == "x"


# expect: TMP002 unsafe, TMP002 unsafe
def shell_reads_it(run):
    with open("/tmp/shell_input.txt", "w") as f:
        f.write("x")
    run("cat /tmp/shell_input.txt", shell=True)
    os.remove("/tmp/shell_input.txt")
