# Shape: one function spelling paths under the temporary directory every way at once: a `/tmp`
# literal, `tempfile.gettempdir()` bound to a name and joined later, `+ "/…"`, an f-string with a
# child, `Path(tempfile.gettempdir()) / …`, `os.environ.get("TMPDIR", "/tmp")` and
# `os.path.join(tempfile.gettempdirb(), b"…")`; a directory is listed, the files are read back
# and everything is removed. The program runs with $TMPDIR set, so gettempdir() is $TMPDIR.
# Expected fix: one `tempfile.mkdtemp()` directory standing for the temporary directory in every
# path (the literal too), removed in a `finally`.
import os
import shutil
import tempfile
from pathlib import Path


def stage():
    literal = "/tmp/tempsafe_together_literal.txt"
    tmp = tempfile.gettempdir()
    joined = os.path.join(tmp, "tempsafe_together_joined.txt")
    concatenated = tempfile.gettempdir() + "/tempsafe_together_concat.txt"
    work = f"{tempfile.gettempdir()}/tempsafe_together_work"
    divided = Path(tempfile.gettempdir()) / "tempsafe_together_divided.txt"
    env = os.environ.get("TMPDIR", "/tmp") + "/tempsafe_together_env.txt"
    raw = os.path.join(tempfile.gettempdirb(), b"tempsafe_together_raw.bin")
    os.makedirs(work, exist_ok=True)
    with open(literal, "w") as f:
        f.write("literal")
    with open(joined, "w") as f:
        f.write("joined")
    with open(concatenated, "w") as f:
        f.write("concatenated")
    with open(f"{work}/inner.txt", "w") as f:
        f.write("inner")
    with open(env, "w") as f:
        f.write("env")
    divided.write_text("divided")
    with open(raw, "wb") as f:
        f.write(b"raw")
    print("work:", sorted(os.listdir(work)))
    with open(literal) as f:
        print("literal:", f.read())
    with open(joined) as f:
        print("joined:", f.read())
    with open(concatenated) as f:
        print("concatenated:", f.read())
    with open(f"{work}/inner.txt") as f:
        print("inner:", f.read())
    with open(env) as f:
        print("env:", f.read())
    print("divided:", divided.read_text())
    with open(raw, "rb") as f:
        print("raw:", f.read())
    os.remove(literal)
    os.remove(joined)
    os.remove(concatenated)
    os.remove(env)
    os.remove(raw)
    divided.unlink()
    shutil.rmtree(work)
    print("removed:", not os.path.exists(joined), not os.path.exists(work))

if __name__ == "__main__":
    stage()
