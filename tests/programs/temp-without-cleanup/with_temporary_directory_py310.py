# target-version: py310
# On 3.10+ the fix is `with tempfile.TemporaryDirectory(...,
# ignore_cleanup_errors=True) as d:`: the directory goes on every way out of
# the block (return, exception, continue, break, a generator closed early),
# the existing rmtree is tolerated, and `d` is the same path string.
# expect-clean-after-fix
import os
import shutil
import tempfile


def listing(names):
    d = tempfile.mkdtemp(prefix="list_", suffix=".d")
    for name in names:
        with open(os.path.join(d, name), "w") as f:
            f.write(name)
    return d.endswith(".d"), os.path.basename(d).startswith("list_"), sorted(os.listdir(d))


def fails():
    d = tempfile.mkdtemp(prefix="err_")
    with open(os.path.join(d, "x"), "w") as f:
        f.write("x")
    raise ValueError(len(os.listdir(d)))


def loop(parts):
    found = 0
    for part in parts:
        d = tempfile.mkdtemp(prefix="loop_")
        if not part:
            continue
        open(os.path.join(d, part), "w").close()
        found += len(os.listdir(d))
        if part == "stop":
            break
    return found


def entries():
    d = tempfile.mkdtemp(prefix="gen_")
    for name in ("a", "b", "c"):
        open(os.path.join(d, name), "w").close()
        yield name, len(os.listdir(d))


def removes_it_itself():
    d = tempfile.mkdtemp(prefix="own_")
    open(os.path.join(d, "x"), "w").close()
    size = len(os.listdir(d))
    shutil.rmtree(d)
    return size


def with_a_helper():
    d = tempfile.mkdtemp(prefix="nest_")

    def label(count):
        return "<%d>" % count

    open(os.path.join(d, "x"), "w").close()
    return label(len(os.listdir(d)))


print(listing(["b", "a"]))
try:
    fails()
except ValueError as e:
    print("caught", e)
print(loop(["a", "", "stop", "never"]))
gen = entries()
print(next(gen))
gen.close()
print(list(entries()))
print(removes_it_itself())
print(with_a_helper())
