import os
import tempfile


# expect: TMP003 safe
def named_file_kept():
    f = tempfile.NamedTemporaryFile(mode="w", suffix=".txt", delete=False)
    f.write("data")
    f.flush()
    return os.path.getsize(f.name)


# expect: TMP003 no-fix
def named_file_in_with():
    with tempfile.NamedTemporaryFile("w", delete=False) as f:
        f.write("data")
    print(os.path.getsize(f.name))


# ok
def named_file_removed():
    with tempfile.NamedTemporaryFile("w", delete=False) as f:
        f.write("data")
    os.unlink(f.name)


# ok
def deleted_on_close():
    with tempfile.NamedTemporaryFile("w") as f:
        f.write("data")


# expect: TMP003 safe
def directory_object():
    td = tempfile.TemporaryDirectory()
    path = os.path.join(td.name, "x")
    open(path, "w").close()
    return os.path.exists(path)


# ok
def directory_object_in_with():
    with tempfile.TemporaryDirectory() as d:
        print(d)
