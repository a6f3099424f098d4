# A name assigned more than once: each binding is judged on its own uses.
import os
import shutil
import tempfile


# expect: TMP003 safe
def descriptor_rebound_path_kept(sizes):
    for size in sizes:
        fd, path = tempfile.mkstemp()
        write_into(fd, size)
        fd = os.open(path, os.O_RDONLY)
        os.read(fd, size)
        os.close(fd)
        os.remove(path)


# ok
def bound_to_none_first(stream):
    tmp_path = None
    if stream is None:
        fd, tmp_path = tempfile.mkstemp(prefix="obj")
        stream = os.fdopen(fd, "wb")
    try:
        stream.write(b"data")
        stream.close()
    except:
        if tmp_path:
            os.remove(tmp_path)
        raise
    if tmp_path:
        if os.path.isfile("final"):
            os.remove(tmp_path)
        else:
            os.rename(tmp_path, "final")


# expect: TMP003 no-fix(variable-rebound), TMP003 safe
def each_binding_cleaned_on_its_own():
    d = tempfile.mkdtemp()
    print(os.listdir(d))
    shutil.rmtree(d)
    d = tempfile.mkdtemp()
    print(os.listdir(d))
    shutil.rmtree(d)


# ok
def each_binding_in_its_own_finally():
    d = tempfile.mkdtemp()
    try:
        print(os.listdir(d))
    finally:
        shutil.rmtree(d)
    d = tempfile.mkdtemp()
    try:
        print(os.listdir(d))
    finally:
        shutil.rmtree(d)


# expect: TMP003 no-fix(variable-rebound)
def rebound_before_the_removal():
    d = tempfile.mkdtemp()
    print(os.listdir(d))
    d = "elsewhere"
    shutil.rmtree(d)


# expect: TMP003 no-fix(escapes)
def rebound_after_the_block(flag):
    if flag:
        d = tempfile.mkdtemp()
        print(os.listdir(d))
    d = keep(d)
    print(d)


# ok
def rebound_in_a_branch_then_removed(contents, local_file):
    path = None
    try:
        if contents is not None:
            fd, path = tempfile.mkstemp()
            os.write(fd, contents)
            os.close(fd)
        if local_file is not None:
            path = local_file
        upload(path)
    finally:
        if contents is not None:
            os.remove(path)


# expect: TMP003 no-fix(variable-rebound)
def one_name_for_both():
    # The fuzzer's: no cleanup can name both the descriptor and the path.
    path, path = tempfile.mkstemp(suffix=".json")
    with open(path, "w") as f:
        f.write("{}")
