# A block indented with a tab plus spaces in a file indented with spaces:
# the fix re-indents with the block's own indentation (CPython raises
# TabError on spaces before the tab).
import tempfile


def g():
    pass


if True:
	def f():
	    name = tempfile.mktemp()
	    open(name, "wb").close()
