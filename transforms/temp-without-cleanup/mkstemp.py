# tempfile.mkstemp(): descriptors never closed, paths never removed.
import os
import tempfile


def descriptor_unused_path_kept():
    fd, path = tempfile.mkstemp(suffix=".json")
    with open(path, "w") as f:
        f.write("{}")
    return os.path.getsize(path)


def underscore_descriptor():
    _, path = tempfile.mkstemp()
    try:
        with open(path, "w") as f:
            f.write("x")
    finally:
        os.remove(path)


def closed_via_fdopen():
    fd, path = tempfile.mkstemp()
    with os.fdopen(fd, "w") as f:
        f.write("x")
    print(open(path).read())


def all_good():
    # The seed's safe example.
    fd, path = tempfile.mkstemp()
    try:
        with os.fdopen(fd, "w") as tmp:
            tmp.write("This is safe.\n")
    finally:
        os.remove(path)


def path_returned():
    fd, path = tempfile.mkstemp()
    os.close(fd)
    return path
