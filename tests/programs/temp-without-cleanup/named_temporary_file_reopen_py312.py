# target-version: py312
# On 3.12+ the fix is `with tempfile.NamedTemporaryFile(...,
# delete_on_close=False) as f:`: the file can be closed and reopened by
# name inside the block, and is removed on every way out of it.
# expect-clean-after-fix
import os
import tempfile


def roundtrip(text):
    f = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)
    f.write(text)
    f.close()
    with open(f.name) as again:
        return again.read(), f.name.endswith(".txt")


def fails_after_close():
    f = tempfile.NamedTemporaryFile(delete=False)
    f.write(b"abc")
    f.close()
    raise ValueError(os.path.getsize(f.name))


def removes_it_itself():
    f = tempfile.NamedTemporaryFile("w", delete=False)
    f.write("xy")
    f.close()
    size = os.path.getsize(f.name)
    os.unlink(f.name)
    return size


print(roundtrip("hello"))
try:
    fails_after_close()
except ValueError as e:
    print("caught", e)
print(removes_it_itself())
