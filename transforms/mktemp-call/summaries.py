# The uses of a name handed to a function of the same module are what that
# function does with its parameter (its summary), following calls further,
# by position or keyword, through methods on self, with cycles cut.
import os
import shutil
import tempfile


def touch(path):
    open(path, "w").close()


def remove(path):
    if os.path.exists(path):
        os.remove(path)


def forward(*args):
    touch(*args)


def ping(path, n):
    if n:
        pong(path, n - 1)


def pong(path, n):
    ping(path, n)


# expect: TMP001 safe
def created_by_a_helper():
    name = tempfile.mktemp()
    touch(name)
    print(open(name).read())
    remove(name)


# expect: TMP001 safe
def created_by_keyword():
    name = tempfile.mktemp()
    touch(path=name)
    remove(name)


# `forward(*args)` hands its arguments on whole: `touch` creates the file.
# expect: TMP001 safe
def forwarded_through_star_args():
    name = tempfile.mktemp()
    forward(name)
    touch(name)
    remove(name)


# expect: TMP001 unsafe(handed-on-before-creation)
def recursion_is_cut():
    name = tempfile.mktemp()
    ping(name, 3)
    touch(name)
    remove(name)


# expect: TMP001 safe
class Job:
    def write(self, path):
        with open(path, "w") as f:
            f.write("x")

    def run(self):
        name = tempfile.mktemp()
        self.write(name)
        os.remove(name)


def rebinds(path):
    path = os.path.join("/var/lib/app", "state")
    open(path, "w").close()


# The helper writes another path: what it does with the argument is not known.
# expect: TMP001 no-fix(never-removed)
def handed_to_a_helper_that_rebinds():
    name = tempfile.mktemp()
    rebinds(name)


def write_inside(directory):
    target = os.path.join(directory, "out.txt")
    with open(target, "w") as f:
        f.write("x")


# The helper writes a file inside the name (through a name built from it):
# the name is used as a directory, not as a file, so a mkstemp file would
# break the helper; nothing here removes a fresh directory.
# expect: TMP001 no-fix(never-removed)
def helper_writes_inside_the_name():
    name = tempfile.mktemp()
    write_inside(name)


# expect: TMP001 safe
def helper_writes_inside_a_directory_made_here():
    name = tempfile.mktemp()
    os.mkdir(name)
    write_inside(name)
    shutil.rmtree(name)
