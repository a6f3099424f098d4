# tempfile.mkstemp(): descriptors never closed, paths never removed.
import os
import tempfile


# expect: TMP003 safe
def descriptor_unused_path_kept():
    fd, path = tempfile.mkstemp(suffix=".json")
    with open(path, "w") as f:
        f.write("{}")
    return os.path.getsize(path)


# expect: TMP003 safe
def underscore_descriptor():
    _, path = tempfile.mkstemp()
    try:
        with open(path, "w") as f:
            f.write("x")
    finally:
        os.remove(path)


# expect: TMP003 safe
def closed_via_fdopen():
    fd, path = tempfile.mkstemp()
    with os.fdopen(fd, "w") as f:
        f.write("x")
    print(open(path).read())


# ok
def all_good():
    # The seed's safe example.
    fd, path = tempfile.mkstemp()
    try:
        with os.fdopen(fd, "w") as tmp:
            tmp.write("This is safe.\n")
    finally:
        os.remove(path)


# expect: TMP003 no-fix
def path_returned():
    fd, path = tempfile.mkstemp()
    os.close(fd)
    return path


# The file is removed as soon as it is made (its descriptor closed first):
# only its name is used after that, as a backup slot for dulwich's rename
# dance. Nothing is left behind by this temporary file.
# ok
def data_moved_in(oldname, newname):
    fd, tmpfile = tempfile.mkstemp(".tmp", prefix=str(oldname), dir=".")
    os.close(fd)
    os.remove(tmpfile)
    os.rename(newname, tmpfile)
    try:
        os.rename(oldname, newname)
    except OSError:
        os.rename(tmpfile, newname)
        raise
    os.remove(tmpfile)


# expect: TMP003 unsafe
def placed_where_the_program_looks(store_dir, names):
    # The files exist so that the code after the loop finds them.
    for name in names:
        fd, _n = tempfile.mkstemp(prefix="tmp_obj_", dir=os.path.join(store_dir, name))
        os.close(fd)
    return sorted(os.listdir(store_dir))


# Renamed into place at the end (gitdb's pack writer): not a finding.
# ok
def positional_dir(base_dir, data):
    fd, path = tempfile.mkstemp("", "pack", base_dir)
    os.write(fd, data)
    os.close(fd)
    os.rename(path, os.path.join(base_dir, "pack-1"))


# ok
def atomic_write(final, data):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(final))
    with os.fdopen(fd, "w") as f:
        f.write(data)
    os.replace(tmp, final)


# Removed at once, but the descriptor is never closed.
# expect: TMP003 safe
def removed_at_once_descriptor_left_open():
    fd, name = tempfile.mkstemp()
    os.remove(name)
    return name


# Something that may raise runs before the removal.
# expect: TMP003 no-fix
def removed_after_other_work(data):
    fd, name = tempfile.mkstemp()
    os.write(fd, data)
    os.close(fd)
    os.remove(name)
    os.rename(data, name)


def remove_if(path, condition):
    if condition:
        os.remove(path)


# A helper removes it, but only on some of its paths.
# expect: TMP003 safe
def removed_by_a_helper_at_once(condition):
    fd, name = tempfile.mkstemp()
    os.close(fd)
    remove_if(name, condition)


# The name goes where tempsafe cannot follow it: the fix closes only the
# descriptor, and says so; the file stays reported with no fix.
# expect: TMP003 safe
def logfile_for(setup_logger):
    _, name = tempfile.mkstemp(suffix=".log")
    setup_logger(logfile=name)


# An atomic write: an error removes the file and re-raises, success moves it
# into place. Nothing is left on any path.
# ok
def atomic_write(path, data):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path))
    try:
        with open(fd, "wb") as f:
            f.write(data)
    except BaseException:
        os.unlink(tmp)
        raise
    else:
        os.replace(tmp, path)


# ok
def atomic_write_after(path, data):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path))
    try:
        os.write(fd, data)
        os.close(fd)
    except:  # noqa: E722
        os.unlink(tmp)
        raise
    os.replace(tmp, path)


# Moved only on one branch of the `else`: otherwise the file stays.
# expect: TMP003 unsafe(created-in-program-dir)
def moved_only_sometimes(path, data, keep):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path))
    try:
        os.write(fd, data)
        os.close(fd)
    except BaseException:
        os.unlink(tmp)
        raise
    else:
        if keep:
            os.replace(tmp, path)
