# A parameter whose default is a function (`remover=shutil.rmtree`, as in
# jaraco.context's `temp_dir`): a call through the parameter calls the
# default. A caller passing another function takes the path on with it.
import contextlib
import os
import shutil
import tempfile


def _discard(path):
    shutil.rmtree(path)


# ok
@contextlib.contextmanager
def temp_dir(remover=shutil.rmtree):
    temp_dir = tempfile.mkdtemp()
    try:
        yield temp_dir
    finally:
        remover(temp_dir)


# ok
def scratch_file(data, remove=os.remove):
    fd, name = tempfile.mkstemp()
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
        remove(name)


# ok
def with_a_module_helper(remover=_discard):
    d = tempfile.mkdtemp()
    try:
        return os.listdir(d)
    finally:
        remover(d)


# A default that does not remove anything: the directory stays.
# expect: TMP003 no-fix(escapes)
def kept(keep=print):
    d = tempfile.mkdtemp()
    keep(d)


# No default: what the caller passes is not known.
# expect: TMP003 no-fix(escapes)
def removed_by_the_caller(remover):
    d = tempfile.mkdtemp()
    remover(d)
