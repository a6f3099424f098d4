# os.mkdir of a /tmp path as the only or last statement of a block: the
# mkdir goes (mkdtemp creates the directory) and the block stays valid.
import os


# expect: TMP002 safe
def test_only_statement():
    os.mkdir("/tmp/work")


# expect: TMP002 safe
def test_last_in_branch(flag=True):
    if flag:
        os.mkdir("/tmp/work2")


# expect: TMP002 safe
def test_last_after_other(n=1):
    print(n)
    os.makedirs("/tmp/work3")


# expect: TMP002 no-fix
def only_statement():
    # Not a test: the directory is what the function makes. No fix.
    os.mkdir("/tmp/work4")
