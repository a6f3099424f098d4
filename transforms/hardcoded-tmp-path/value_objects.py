# A path held by an object of the module's own classes: what the class's
# methods do with the field decides. `__repr__` only makes text for people,
# so a field it formats and returns is never made into a file; `__str__`
# may hand the path itself on (`open(str(obj))`), and other methods may
# create it.
class Quoted:
    def __init__(self, obj):
        self.obj = obj

    def __repr__(self):
        return f"Quoted({self.obj})"


class Command:
    def __init__(self, *bits):
        self.bits = bits

    def __repr__(self):
        return "Command(" + " ".join(repr(b) for b in self.bits) + ")"


class PathHolder:
    def __init__(self, path):
        self.path = path

    def __str__(self):
        return self.path

    def __repr__(self):
        return f"PathHolder({self.path})"


class Log:
    def __init__(self, path):
        self.path = path

    def __repr__(self):
        return f"Log({self.path})"

    def write(self, text):
        with open(self.path, "a") as f:
            f.write(text)


def quoted(value):
    return Quoted(value)


# ok
def test_quoted_command():
    command = Command("env", quoted("/tmp/askpass"))
    assert repr(command) == "Command(Quoted(/tmp/askpass))"


# ok
def test_quoted_directly():
    assert repr(Quoted("/tmp/askpass")).startswith("Quoted")


# expect: TMP002 no-fix(passed-on)
def test_str_hands_the_path_on():
    holder = PathHolder("/tmp/report")
    return holder


# expect: TMP002 no-fix(outlives-function)
def test_other_method_writes_it():
    log = Log("/tmp/app.log")
    return log


# Another form of the same path (`%` formatting) is handed to the class as
# the literal itself would be.
# ok
def test_quoted_formatted(n):
    assert repr(Quoted("/tmp/askpass-%d" % n)).startswith("Quoted")


# expect: TMP002 no-fix(outlives-function)
def test_formatted_log(n):
    log = Log("/tmp/app-%d.log" % n)
    return log
