# tempfile.mkdtemp() directories that their function never removes.
import os
import shutil
import subprocess
import tempfile


# expect: TMP003 safe
def never_removed(files):
    work = tempfile.mkdtemp(prefix="build_")
    for name in files:
        with open(os.path.join(work, name), "w") as f:
            f.write(name)
    subprocess.run(["ls", work], check=True)
    return len(os.listdir(work))


# expect: TMP003 safe
def removed_without_finally():
    d = tempfile.mkdtemp()
    out = os.path.join(d, "out.txt")
    with open(out, "w") as f:
        f.write("x")
    size = os.path.getsize(out)
    shutil.rmtree(d)
    return size


# ok
def already_safe():
    # The guide's model: nothing to do.
    temp_dir = tempfile.mkdtemp(prefix="ciris_", suffix="_secure")
    try:
        print(os.listdir(temp_dir))
    finally:
        shutil.rmtree(temp_dir, ignore_errors=True)


# expect: TMP003 safe
def in_a_loop(jobs):
    for job in jobs:
        scratch = tempfile.mkdtemp()
        subprocess.run(["make", "-C", scratch, job], check=True)
        print(os.path.exists(scratch))


# expect: TMP003 no-fix
def returned():
    # error: no fix; the caller decides when it goes.
    d = tempfile.mkdtemp()
    os.mkdir(os.path.join(d, "sub"))
    return d


# expect: TMP003 no-fix
def derived_path_returned():
    d = tempfile.mkdtemp()
    return os.path.join(d, "result.txt")


# expect: TMP003 no-fix
def normalized_path_returned():
    # Trac's helper: the caller gets the directory, so it must stay.
    tmpdir = tempfile.mkdtemp(prefix="testdir-")
    return os.path.normcase(os.path.realpath(tmpdir))


# expect: TMP003 no-fix
def parent_and_joined_paths_escape(base):
    d = tempfile.mkdtemp()
    parent = os.path.dirname(d)
    inside = os.path.join(base, d)
    return parent, inside


# expect: TMP003 safe
def only_inspected_through_os_path():
    d = tempfile.mkdtemp()
    print(os.path.isabs(d), os.path.ismount(d), len(repr(d)))


# expect: TMP003 no-fix
def handed_to_unknown_code(builder):
    d = tempfile.mkdtemp()
    builder.build(d)


# expect: TMP003 no-fix
def used_after_its_block(flag):
    if flag:
        d = tempfile.mkdtemp()
        print(d)
    print(d)


# expect: TMP003 no-fix
def captured_by_nested_function():
    d = tempfile.mkdtemp()

    def inner():
        return d

    return inner


CACHE_DIR = None


# expect: TMP003 no-fix(declared-elsewhere)
def stored_in_a_global():
    # No fix: other code reads the global after the function returns.
    global CACHE_DIR
    CACHE_DIR = tempfile.mkdtemp()
    print(os.path.isdir(CACHE_DIR))


# expect: TMP003 no-fix(declared-elsewhere)
def stored_in_a_nonlocal():
    d = None

    def make():
        nonlocal d
        d = tempfile.mkdtemp()
        print(os.path.isdir(d))

    make()
    return d


# ok
def fixture_with_yield():
    """Provide a temporary workspace for tests (the guide's fixture)."""
    temp_dir = tempfile.mkdtemp(prefix="ciris_test_")
    yield temp_dir
    shutil.rmtree(temp_dir, ignore_errors=True)


# ok
def registered_cleanup(self):
    d = tempfile.mkdtemp()
    self.addCleanup(shutil.rmtree, d)
    print(d)


# expect: TMP003 safe
def multiline_string_in_block():
    d = tempfile.mkdtemp()
    script = """#!/bin/sh
echo hello
  indented line
"""
    with open(os.path.join(d, "run.sh"), "w") as f:  # the script
        f.write(script)
    return os.path.getsize(os.path.join(d, "run.sh"))


# expect: TMP003 no-fix
def last_statement():
    d = tempfile.mkdtemp()


# Outside tests, the directory may be left for someone on purpose.
# expect: TMP003 unsafe(may-be-output)
module_level_dir = tempfile.mkdtemp()



# ok
def file_inside_a_cleaned_directory():
    parent = tempfile.mkdtemp()
    try:
        fd, path = tempfile.mkstemp(dir=parent)
        os.close(fd)
        print(path)
    finally:
        shutil.rmtree(parent, ignore_errors=True)


# expect: TMP003 unsafe(created-in-program-dir)
def unused_descriptor_inside_a_cleaned_directory():
    parent = tempfile.mkdtemp()
    try:
        fd, path = tempfile.mkstemp(dir=parent)
        print(path)
    finally:
        shutil.rmtree(parent, ignore_errors=True)
