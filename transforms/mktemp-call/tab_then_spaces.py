# A block indented with a tab plus spaces in a file indented with spaces:
# the fix re-indents with the block's own indentation (CPython raises
# TabError on spaces before the tab).
import tempfile


# ok
def g():
    pass


# expect: TMP001 safe
if True:
	def f():
	    name = tempfile.mktemp()
	    open(name, "wb").close()
