# Python 2's os.tempnam() and os.tmpnam(): same race, same fix.
import os


# expect: TMP001 safe
def f():
    name = os.tempnam("/var/cache", "app_")
    with open(name, "w") as fh:
        fh.write("x")


# expect: TMP001 safe
def g():
    d = os.tmpnam()
    os.mkdir(d)
