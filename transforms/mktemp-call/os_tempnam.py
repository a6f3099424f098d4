# Python 2's os.tempnam() and os.tmpnam(): same race, same fix.
import os


def f():
    name = os.tempnam("/var/cache", "app_")
    with open(name, "w") as fh:
        fh.write("x")


def g():
    d = os.tmpnam()
    os.mkdir(d)
