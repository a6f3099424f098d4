import os
import tempfile


# expect: TMP003 safe
def f():
	d = tempfile.mkdtemp()
	doc = """
	keep
  as is
"""
	if d:
		print(doc, os.path.isdir(d))
	return 1