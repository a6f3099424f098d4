# target-version: py310
# Which blocks get `with TemporaryDirectory(...)` on 3.10 and which keep
# `try`/`finally`: calls that may leave entries CPython's cleanup treats
# differently from `rmtree(ignore_errors=True)` (permissions, owners,
# moved or copied entries, other programs) keep the `try` form.
import os
import pathlib
import shutil
import subprocess
import tempfile


# expect: TMP003 safe
def makedirs_without_mode():
    d = tempfile.mkdtemp()
    os.makedirs(os.path.join(d, "a", "b"), exist_ok=True)
    print(os.listdir(d))


# expect: TMP003 safe
def string_replace_is_not_a_move():
    d = tempfile.mkdtemp()
    name = "a-b".replace("-", "_")
    open(os.path.join(d, name), "w").close()
    print(os.listdir(d))


# expect: TMP003 safe
def mkdir_with_a_mode():
    d = tempfile.mkdtemp()
    os.mkdir(os.path.join(d, "ro"), 0o500)
    print(os.listdir(d))


# expect: TMP003 safe
def path_mkdir_with_a_mode():
    d = tempfile.mkdtemp()
    pathlib.Path(os.path.join(d, "ro")).mkdir(mode=0o500)
    print(os.listdir(d))


# expect: TMP003 safe
def umask_changed():
    d = tempfile.mkdtemp()
    old = os.umask(0o277)
    os.mkdir(os.path.join(d, "ro"))
    os.umask(old)
    print(os.listdir(d))


# expect: TMP003 safe
def moved_in(src):
    d = tempfile.mkdtemp()
    shutil.move(src, os.path.join(d, "moved"))
    print(os.listdir(d))


# expect: TMP003 safe
def program_in_a_nested_function():
    d = tempfile.mkdtemp()

    def run():
        subprocess.run(["true"], check=True)

    run()
    print(os.listdir(d))
