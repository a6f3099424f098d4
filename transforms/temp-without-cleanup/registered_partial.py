# Cleanup registered rather than written: a removal bound with
# `functools.partial`, or a lambda, handed to something that runs it later
# (pytest's `config.add_cleanup` and `request.addfinalizer`, `atexit`,
# `addCleanup`). tox's conftest removes its seed environment this way.
import atexit
import functools
import os
import shutil
import tempfile
from functools import partial
from shutil import rmtree


# ok
def pytest_configure(config):
    seed_env = tempfile.mkdtemp(prefix="virtualenv-seed-")
    config.add_cleanup(partial(rmtree, seed_env, ignore_errors=True))
    os.environ["SEED"] = seed_env


# ok
def scratch_file(request):
    fd, name = tempfile.mkstemp()
    os.close(fd)
    request.addfinalizer(functools.partial(os.remove, name))
    return name


# ok
def scratch_dir(request):
    path = tempfile.mkdtemp()
    request.addfinalizer(lambda: shutil.rmtree(path))
    return path


# ok
def at_exit():
    path = tempfile.mkdtemp()
    atexit.register(partial(shutil.rmtree, path))
    return path


# The registered callable only prints the path.
# expect: TMP003 no-fix(escapes)
def registered_but_not_removed(config):
    path = tempfile.mkdtemp()
    config.add_cleanup(partial(print, path))
    return path


# The removal is bound but never registered.
# expect: TMP003 no-fix(escapes)
def bound_but_not_registered():
    path = tempfile.mkdtemp()
    cleanup = partial(rmtree, path)
    return path, cleanup
