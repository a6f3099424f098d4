# `os` is read here without an import while another function has a
# parameter named `os`: an `import os` added by a fix would make the
# NameError of `leaks()` go away, so no fix adds it.
import tempfile


# expect: TMP003 no-fix(name-used-unimported)
def leaks():
    fd, p = tempfile.mkstemp()
    os.chmod(p, 0o700)


# ok
def takes_os(os):
    return os
