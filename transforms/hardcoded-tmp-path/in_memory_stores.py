# A path used only as a key to look something up (`data[p]`) is not a
# file. An object held in a class attribute (`fs = MemoryFS()`) is of that
# class: calls through `self.fs` and `Target.fs` run its methods.
import os


class MemoryFS:
    _data = {}

    def get_data(self, fn):
        return self._data[fn]

    def exists(self, path):
        return path in self._data

    def put(self, path, data):
        self._data[path] = data


class DiskFS:
    def write(self, path, data):
        with open(path, "w") as f:
            f.write(data)


class MemoryTarget:
    fs = MemoryFS()

    def __init__(self, path):
        self.path = path

    def exists(self):
        return self.fs.exists(self.path)


class DiskTarget:
    fs = DiskFS()


# ok
def test_read_back():
    assert MemoryTarget.fs.get_data("/tmp/fib_10") == b"55\n"


# ok
def test_exists_through_the_class_attribute():
    assert not MemoryTarget("/tmp/never").exists()


# ok
def test_lookup():
    assert MemoryFS._data["/tmp/lookup"] == 1


# The class attribute's class writes the file: made in the test only.
# expect: TMP002 safe
def test_written_through_the_class_attribute():
    DiskTarget.fs.write("/tmp/written.txt", "x")


# A key stored in a container may be used later as a path.
# expect: TMP002 no-fix(passed-on)
def test_stored_as_a_key():
    MemoryTarget.fs.put("/tmp/stored", b"")
