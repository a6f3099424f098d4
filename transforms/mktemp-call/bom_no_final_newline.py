import tempfile


# expect: TMP001 safe
def f():
    name = tempfile.mktemp()   
    open(name, "w").close()
    return name