import os


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
