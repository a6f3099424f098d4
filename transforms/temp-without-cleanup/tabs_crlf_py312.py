# target-version: py312
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


# expect: TMP003 safe
def g():
	f = tempfile.NamedTemporaryFile(delete=False)
	f.close()
	return os.path.getsize(f.name)