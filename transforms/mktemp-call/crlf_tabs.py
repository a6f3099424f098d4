import os
import tempfile


def f():
	name = tempfile.mktemp()
	os.mkdir(name)
	text = """
  keep	this
"""
	return name, text
