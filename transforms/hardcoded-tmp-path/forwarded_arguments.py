# A path that lands in a helper's `*args` or `**kwargs` is followed where
# the helper hands them on whole (`inner(*args)`, `inner(**kwargs)`): at
# the position or under the keyword it arrives with there. Any other use of
# `args` or `kwargs` (an element taken out, the tuple handed on) stays
# unknown.
import os


def write_config(path):
    with open(path, "w") as f:
        f.write("x")


def describe(label, path):
    return "%s at %s" % (label, path)


def forward_positional(*args):
    write_config(*args)


def forward_after_one(first, *args):
    return describe(first, *args)


def forward_keywords(**kwargs):
    write_config(**kwargs)


def forward_both(*args, **kwargs):
    return describe(*args, **kwargs)


def takes_one_out(*args):
    return open(args[0], "w")


def takes_one_by_key(**kwargs):
    return open(kwargs.get("path"), "w")


def hands_the_tuple_on(callback, *args):
    print(len(args))
    callback(args)


# expect: TMP002 safe
def created_through_star_args():
    path = "/tmp/forwarded.cfg"
    forward_positional(path)
    os.remove(path)


# expect: TMP002 safe
def created_through_star_kwargs():
    path = "/tmp/forwarded-kw.cfg"
    forward_keywords(path=path)
    os.remove(path)


# ok
def only_described_after_a_named_parameter():
    print(forward_after_one("config", "/tmp/described.cfg"))


# ok
def only_described_by_keyword():
    print(forward_both("config", path="/tmp/described-kw.cfg"))


# expect: TMP002 no-fix(passed-on)
def element_taken_out():
    takes_one_out("/tmp/taken.cfg").close()


# expect: TMP002 no-fix(passed-on)
def element_taken_out_by_key():
    takes_one_by_key(path="/tmp/taken-kw.cfg").close()


# expect: TMP002 no-fix(passed-on)
def tuple_handed_on():
    hands_the_tuple_on(print, "/tmp/handed.cfg")
