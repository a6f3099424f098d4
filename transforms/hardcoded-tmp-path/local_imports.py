# A module the fix writes (`tempfile`, `shutil`, `os`) that the function
# imports itself must be imported at its top level, before the lines the fix
# adds: else they would run before the import, or without it
# (UnboundLocalError).
import os


# expect: TMP002 no-fix(name-taken)
def imported_in_a_branch(overwrite):
    if overwrite:
        import tempfile

        cache = os.path.join(tempfile.gettempdir(), "late_cache")
        with open(cache, "w") as f:
            f.write("x")
        print(open(cache).read())


# expect: TMP002 no-fix(name-taken), TMP002 no-fix(name-taken)
def cleanup_module_imported_in_a_branch(flag):
    os.mkdir("/tmp/late_dir")
    if flag:
        import shutil

        shutil.rmtree("/tmp/late_dir")


# expect: TMP002 no-fix(name-taken)
def imported_after_the_first_path():
    path = "/tmp/late_import.txt"
    import tempfile

    with open(path, "w") as f:
        f.write(tempfile.gettempprefix())
    os.remove(path)


# expect: TMP002 safe
def imported_first():
    import shutil
    import tempfile

    work = os.path.join(tempfile.gettempdir(), "early_dir")
    os.makedirs(work)
    with open(os.path.join(work, "x"), "w") as f:
        f.write("x")
    shutil.rmtree(work)
