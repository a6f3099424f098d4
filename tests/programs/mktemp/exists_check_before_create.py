# Shape: existence check between naming and creation -- `p = tempfile.mktemp(); print(os.path.exists(p))`,
# then open(p, "w"), read back, os.remove(p).
# Correct fix: the program observes that p does not exist yet, so a plain mkstemp rewrite is WRONG
# (it would print True). A correct fix keeps p non-existent until open(), e.g. a name inside a fresh
# `tempfile.mkdtemp()` directory, and removes that directory after os.remove(p).
import os
import tempfile

p = tempfile.mktemp()
print("exists before create:", os.path.exists(p))

with open(p, "w") as f:
    f.write("created now\n")
print("exists after create:", os.path.exists(p))

with open(p) as f:
    print("content:", f.read().strip())

os.remove(p)
print("exists after remove:", os.path.exists(p))
