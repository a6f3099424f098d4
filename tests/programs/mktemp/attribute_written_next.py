# Shape: an options class (zdaemon's test options) stores `tempfile.mktemp()` on
# `self.configfile`, writes it in the next statement, has another method read it through the
# attribute, and removes it in a `finally`.
# Correct fix: `fd, self.configfile = tempfile.mkstemp(); os.close(fd)`: the `open(..., "w")`
# right after truncates mkstemp's empty file; nothing is left behind.
import os
import tempfile


class Options:
    def __init__(self, text):
        self.configtext = text
        self.configfile = None

    def load(self):
        self.configfile = tempfile.mktemp()
        f = open(self.configfile, "w")
        f.write(self.configtext)
        f.close()
        try:
            return self.parse()
        finally:
            os.unlink(self.configfile)

    def parse(self):
        with open(self.configfile) as f:
            return dict(line.split("=", 1) for line in f.read().split())


options = Options("port=8080\nhost=localhost\n")
print(sorted(options.load().items()))
print("removed:", not os.path.exists(options.configfile))
