# The path escapes before it is created: reported, fixed only with --unsafe-fixes.
import os
import subprocess
import tempfile


# expect: TMP001 no-fix
def returned():
    return tempfile.mktemp()


# expect: TMP001 no-fix
class Holder:
    def __init__(self):
        self.path = tempfile.mktemp(suffix=".db")


# expect: TMP001 no-fix
def passed_on(run):
    out = tempfile.mktemp()
    subprocess.check_call(["tar", "cf", out, "."])
    return out


# expect: TMP001 no-fix
def used_in_nested_function():
    p = tempfile.mktemp()

    def write():
        with open(p, "w") as f:
            f.write("x")

    write()


# expect: TMP001 no-fix
def assigned_twice():
    p = tempfile.mktemp()
    p = p + ".bak"
    open(p, "w").close()


# expect: TMP001 no-fix
def never_created():
    name = tempfile.mktemp()
    print(len(name))


# expect: TMP001 no-fix
def kwargs_are_not_fixed(**kwargs):
    return tempfile.mktemp(**kwargs)


# expect: TMP001 no-fix
def reserve_a_name(prefix, suffix, dir):
    # pyftpdlib's get_testfn(): the name is reserved, never created here.
    while True:
        name = tempfile.mktemp(prefix=prefix, suffix=suffix, dir=dir)
        if not os.path.exists(name):
            return os.path.basename(name)


# expect: TMP001 unsafe
def name_making_helper(suffix):
    # error: unsafe fix (mkstemp); callers get an existing empty file.
    path = tempfile.mktemp(suffix=suffix)
    return path


# expect: TMP001 no-fix(result-discarded)
def lint_fixture():
    tempfile.mktemp()  # intentionally trigger the insecure-temp-file check
