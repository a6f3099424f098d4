# A directory made in any method and stored on `self` belongs to the
# object: when a method that ends the object's life (`close`, `cleanup`,
# `__exit__`, `__del__`, `tearDown`) removes it, directly or through a
# helper, it is not left behind (ZODB's `TmpStore._getBlobPath`).
import os
import shutil
import tempfile


def remove_committed_dir(path):
    shutil.rmtree(path)


# ok
class TmpStore:
    def __init__(self):
        self._blob_dir = None

    def _get_blob_path(self):
        blob_dir = self._blob_dir
        if blob_dir is None:
            blob_dir = tempfile.mkdtemp(prefix="savepoints")
            self._blob_dir = blob_dir
        return blob_dir

    def close(self):
        if self._blob_dir is not None:
            remove_committed_dir(self._blob_dir)
            self._blob_dir = None


# expect: TMP003 no-fix(escapes)
class LeakyStore:
    def __init__(self):
        self._blob_dir = None

    def _get_blob_path(self):
        blob_dir = tempfile.mkdtemp(prefix="savepoints")
        self._blob_dir = blob_dir
        return blob_dir

    def close(self):
        self._blob_dir = None


# The name of a named file kept on `self`, removed by a method that
# `close()` and `__del__` call (luigi's `InputPipeProcessWrapper._finish`).
# ok
class PipeWrapper:
    def __init__(self, data):
        f = tempfile.NamedTemporaryFile("wb", prefix="pipe-tmp", delete=False)
        self._tmp_file = f.name
        f.write(data)
        f.close()

    def _finish(self):
        if os.path.exists(self._tmp_file):
            os.remove(self._tmp_file)

    def close(self):
        self._finish()

    def __del__(self):
        self._finish()


# The method `close()` calls leaves the file alone.
# expect: TMP003 no-fix(escapes)
class PipeWrapperKeepingIt:
    def __init__(self, data):
        f = tempfile.NamedTemporaryFile("wb", prefix="pipe-tmp", delete=False)
        self._tmp_file = f.name
        f.write(data)
        f.close()

    def _finish(self):
        print(self._tmp_file)

    def close(self):
        self._finish()
