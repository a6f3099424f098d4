# target-versions: unknown py39 py310 py312
# The same cases for each target: no target (today's forms, safe on every
# Python), 3.9, and the with-forms of 3.10 and 3.12.
import os
import shutil
import subprocess
import tempfile
from tempfile import mkdtemp


# expect: TMP003 safe
def directory_never_removed(names):
    work = tempfile.mkdtemp(prefix="build_", suffix=".d")
    for name in names:
        with open(os.path.join(work, name), "w") as f:
            f.write(name)
    return sorted(os.listdir(work))


# expect: TMP003 safe
def directory_removed_without_finally():
    d = tempfile.mkdtemp()
    # The existing removal stays; the added one tolerates it.
    out = os.path.join(d, "out.txt")
    with open(out, "w") as f:
        f.write("x")
    size = os.path.getsize(out)
    shutil.rmtree(d)
    return size


# expect: TMP003 safe
def from_import_multiline_call(parts):
    scratch = mkdtemp(
        "_s",  # suffix
        "job_",
    )  # the arguments carry over
    for part in parts:
        if not part:
            continue
        if part == "stop":
            break
        open(os.path.join(scratch, part), "w").close()
    print(len(os.listdir(scratch)))


# expect: TMP003 safe
def in_a_generator(items):
    d = tempfile.mkdtemp()
    for item in items:
        path = os.path.join(d, item)
        open(path, "w").close()
        yield os.path.exists(path)


# expect: TMP003 safe
def multiline_string_in_block():
    d = tempfile.mkdtemp()
    script = """#!/bin/sh
echo hello
  indented line
"""
    with open(os.path.join(d, "run.sh"), "w") as f:
        f.write(script)
    return os.path.getsize(os.path.join(d, "run.sh"))


# expect: TMP003 safe
def nested_function_that_does_not_use_it():
    d = tempfile.mkdtemp()

    def label(count):
        return "<%d>" % count

    print(label(len(os.listdir(d))))


# expect: TMP003 no-fix
def captured_by_nested_function():
    # No fix on any target: the function may run after the block.
    d = tempfile.mkdtemp()

    def inner():
        return d

    return inner


# expect: TMP003 no-fix
def used_after_its_block(flag):
    # No fix on any target.
    if flag:
        d = tempfile.mkdtemp()
        print(d)
    print(d)


# expect: TMP003 unsafe
def chosen_dir(base):
    # Unsafe on every target: code after the block may look in `base`.
    d = tempfile.mkdtemp(dir=base)
    print(os.path.isdir(d))


# expect: TMP003 safe
def runs_a_program():
    # try/finally on every target: another program may leave entries that
    # TemporaryDirectory's cleanup treats differently from rmtree.
    d = tempfile.mkdtemp()
    subprocess.run(["touch", os.path.join(d, "x")], check=True)
    print(os.listdir(d))


# expect: TMP003 safe
def changes_permissions():
    # try/finally on every target: a read-only directory inside.
    d = tempfile.mkdtemp()
    sub = os.path.join(d, "ro")
    os.mkdir(sub)
    os.chmod(sub, 0o500)
    print(os.path.isdir(sub))


# expect: TMP003 unsafe
def creation_line_suppressed():
    # try/finally on every target: the suppressed line must not change.
    d = tempfile.mkdtemp(dir="/tmp/cache")  # noqa: TMP002
    print(os.path.isdir(d))


# expect: TMP003 no-fix; py310+: TMP003 safe
def deletes_the_name():
    # `del d` in the block: a `finally` could not name it, a `with` can.
    d = tempfile.mkdtemp()
    print(os.path.isdir(d))
    del d
    return 1


# expect: TMP003 safe
def named_file_reopened_by_name():
    f = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)
    f.write("data")
    f.close()
    with open(f.name) as again:
        return again.read()


# expect: TMP003 safe
def named_file_removed_without_finally():
    f = tempfile.NamedTemporaryFile(delete=False)
    f.write(b"x")
    f.close()
    size = os.path.getsize(f.name)
    os.unlink(f.name)
    return size


# expect: TMP003 safe
def named_file_with_delete_on_close():
    # Kept as it is written: `delete_on_close` is already chosen.
    f = tempfile.NamedTemporaryFile(delete=False, delete_on_close=True)
    f.close()
    print(os.path.exists(f.name))


# expect: TMP003 no-fix
def named_file_in_with_used_after():
    # Reported on every target: the file outlives its `with` block.
    with tempfile.NamedTemporaryFile("w", delete=False) as f:
        f.write("data")
    print(os.path.getsize(f.name))


# expect: TMP003 safe
def descriptor_file_unchanged():
    # mkstemp keeps its form on every target.
    fd, path = tempfile.mkstemp()
    with os.fdopen(fd, "w") as f:
        f.write("x")
    print(open(path).read())
