import tempfile


def f():
    name = tempfile.mktemp()   
    open(name, "w").close()
    return name