# expect: TMP001 safe
def f():
    import tempfile
    name = tempfile.mktemp()
    with open(name, "w") as fh:
        fh.write("x")
