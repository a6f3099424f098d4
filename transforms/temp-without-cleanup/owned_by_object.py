# A directory made in any method and stored on `self` belongs to the
# object: when a method that ends the object's life (`close`, `cleanup`,
# `__exit__`, `__del__`, `tearDown`) removes it, directly or through a
# helper, it is not left behind (ZODB's `TmpStore._getBlobPath`).
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
