import os
import shutil


# A block whose body mixes a tab with the spaces around it cannot be wrapped
# in a `try`, so the file the fix would make could not be removed in a
# `finally`: no fix, rather than one that leaves a new finding behind.
# expect: TMP002 no-fix(following-statements-share-lines)
def tab_after_spaces():
    while True:
    	db = os.path.join(os.environ["TMPDIR"], "state.db")
    	break
    with open(db, "w") as f:
        f.write("x")
    os.remove(db)


# The same for a directory the program removes: its removal would be left
# outside a `finally`.
# expect: TMP002 no-fix(following-statements-share-lines), TMP002 no-fix(following-statements-share-lines)
def directory_after_tab(name):
    for _ in range(1):
    	root = os.path.join(os.environ["TMPDIR"], "build_area")
    os.makedirs(root)
    with open(os.path.join(os.environ["TMPDIR"], "build_area", name), "w") as f:
        f.write(name)
    shutil.rmtree(root)
