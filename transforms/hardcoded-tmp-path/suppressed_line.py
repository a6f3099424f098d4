# A suppressed line is never changed by a fix, even when another finding in
# the same function asks for a rewrite of the whole function.
import os
import tempfile


# expect: TMP002 safe, TMP002 safe
def separate_paths():
    # the suppressed path stays as it is; the other one is rewritten
    with open("/tmp/a.txt", "w") as fh:
        fh.write("x")
    with open("/tmp/b.txt", "w") as fh:  # noqa: S108
        fh.write("y")
    os.remove("/tmp/a.txt")


# expect: TMP002 no-fix, TMP002 no-fix
def same_path_suppressed_once():
    # the suppressed line names the same path: no fix can leave it out
    with open("/tmp/c.txt", "w") as fh:
        fh.write("x")
    print(open("/tmp/c.txt").read())  # nosec B108
    os.remove("/tmp/c.txt")


# ok
def another_finding_on_a_suppressed_line():
    # the mode's finding is not suppressed, but its fix would change the line
    os.chmod("/tmp/fuzz.sock", 0o666)  # noqa: S108


# ok
def suppressed_by_the_comment_above(p):
    fd, p = tempfile.mkstemp()
    # ignore
    os.chmod(p, 0o777)


# Ruff's own suppressions, by name or code: the line, or the lines between
# `disable` and `enable`.
# ok
def ruff_ignore_by_name():
    with open("/tmp/ruff-named.txt", "w") as fh:  # ruff:ignore[hardcoded-temp-file]
        fh.write("x")


# ok
def ruff_disabled_range():
    # ruff: disable[S108]
    with open("/tmp/ruff-range.txt", "w") as fh:
        fh.write("x")
    # ruff: enable[S108]
