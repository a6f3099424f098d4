# A helper that calls a function its caller passes in (`_retry(os.remove,
# path)`, a wrapper retrying on Windows): the call is to that function.
# gitdb's `LooseObjectDB.store` removes its temporary file this way on an
# error and renames it into place otherwise.
import os
import sys
import tempfile
import time


def _retry(func, *args, **kwargs):
    if sys.platform == "win32":
        for _ in range(10):
            try:
                return func(*args, **kwargs)
            except Exception:
                time.sleep(0.1)
    return func(*args, **kwargs)


def remove(*args, **kwargs):
    return _retry(os.remove, *args, **kwargs)


def call_with(path, action=None):
    return action(path)


# ok
def store(data, final):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(final))
    try:
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
    except BaseException:
        remove(tmp)
        raise
    _retry(os.replace, tmp, final)


# ok
def store_by_keyword(data, final):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(final))
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
        call_with(tmp, action=os.remove)


def discard(path):
    os.remove(path)


# ok
def handed_to_a_local_remover(data):
    fd, tmp = tempfile.mkstemp()
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
        _retry(discard, tmp)


# What the passed function does is not known: the path escapes.
# expect: TMP003 no-fix(escapes)
def handed_to_an_unknown_function(data, sink):
    fd, tmp = tempfile.mkstemp()
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
        _retry(sink.consume, tmp)
