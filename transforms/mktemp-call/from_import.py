"""A module docstring."""
from __future__ import annotations

from tempfile import gettempdir, mktemp
import os


# expect: TMP001 safe
def f():
    name = mktemp()
    with open(name, "w") as fh:
        fh.write(gettempdir())


# expect: TMP001 safe
def g():
    d = mktemp()
    os.mkdir(d)
