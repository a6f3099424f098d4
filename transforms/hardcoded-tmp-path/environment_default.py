# `os.environ.get("TMPDIR", "/tmp")`: the default is the value when the
# variable is unset, so the name it is bound to holds that path. Used only as
# the target text of a symbolic link, it is never opened.
import os


# ok
def link_to_temp(symlink_path):
    symlink_target = os.environ.get("TMPDIR", "/tmp")
    os.symlink(symlink_target, symlink_path)


# ok
def link_to_temp_inline(link):
    os.symlink(os.getenv("TMPDIR", default="/tmp"), link)


# ok
def link_to_temp_per_platform(symlink_path):
    if os.name == "nt":
        symlink_target = os.environ["TEMP"]
    else:
        symlink_target = os.environ.get("TMPDIR", "/tmp")
    os.symlink(symlink_target, symlink_path)


# expect: TMP002 no-fix(left-as-output), TMP002 no-fix(left-as-output)
def write_in_temp():
    d = os.environ.get("TMPDIR", "/tmp")
    with open(os.path.join(d, "report.txt"), "w") as f:
        f.write("done")
