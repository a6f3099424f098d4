import os
import tempfile


# The next statement creates the file: mkstemp's file is just as good,
# whatever the class does with the name afterwards.
# expect: TMP001 safe, TMP001 safe
class Options:
    def load_configfile(self, text):
        self.configfile = tempfile.mktemp()
        f = open(self.configfile, "w")
        f.write(text)
        f.close()
        try:
            return self.read()
        finally:
            os.unlink(self.configfile)

    def write_log(self):
        self.log = tempfile.mktemp(suffix=".log")
        with open(self.log, "a") as f:
            f.write("started\n")

    def read(self):
        with open(self.configfile) as f:
            return f.read()


# Something else comes first: the name may be used before it exists. An
# exclusive open fails on mkstemp's file.
# expect: TMP001 no-fix(result-passed-on), TMP001 no-fix(result-passed-on)
class Server:
    def handed_first(self):
        self.sock = tempfile.mktemp()
        self.announce(self.sock)
        open(self.sock, "w").close()

    def exclusive(self):
        self.lock = tempfile.mktemp()
        open(self.lock, "x").close()

    def announce(self, name):
        print(name)
