"""A module docstring."""
from __future__ import annotations

from tempfile import gettempdir, mktemp
import os


def f():
    name = mktemp()
    with open(name, "w") as fh:
        fh.write(gettempdir())


def g():
    d = mktemp()
    os.mkdir(d)
