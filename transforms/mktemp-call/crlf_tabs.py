import os
import tempfile


# expect: TMP001 safe
def f():
	name = tempfile.mktemp()
	os.mkdir(name)
	text = """
  keep	this
"""
	return name, text
