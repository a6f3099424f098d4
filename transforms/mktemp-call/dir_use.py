# The path is used as a directory: mkdtemp() creates it, the mkdir goes.
import os
import tempfile
from pathlib import Path


# expect: TMP001 safe
def plain_mkdir():
    d = tempfile.mktemp()
    os.mkdir(d)
    return os.listdir(d)


# expect: TMP001 safe
def makedirs_with_prefix():
    root = tempfile.mktemp(prefix="build_")
    os.makedirs(root)  # the build root
    os.makedirs(os.path.join(root, "a", "b"))


# expect: TMP001 safe
def pathlib_mkdir():
    d = tempfile.mktemp(suffix="_work")
    Path(d).mkdir()
    (Path(d) / "f").write_text("x")


# expect: TMP001 safe
def exist_ok_kept():
    d = tempfile.mktemp()
    os.makedirs(d, exist_ok=True)
    print(d)


# expect: TMP001 unsafe
def mode_is_unsafe():
    d = tempfile.mktemp()
    os.mkdir(d, 0o755)


# expect: TMP001 safe
def only_statement_in_block(flag):
    d = tempfile.mktemp()
    with open(os.devnull) as _:
        os.mkdir(d)
    print(d)


# expect: TMP001 no-fix
def conditional_mkdir(flag):
    d = tempfile.mktemp()
    if flag:
        os.mkdir(d)


# ok
def atomic_symlink(src, path):
    # salt's file.symlink: a probe (os.symlink fails on an existing name), and
    # a fresh directory would stay in link_dir: not a finding.
    link_dir = os.path.dirname(path)
    temp_link = tempfile.mktemp(dir=link_dir)
    os.symlink(src, temp_link)
    os.replace(temp_link, path)
