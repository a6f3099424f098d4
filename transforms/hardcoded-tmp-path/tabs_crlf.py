import os
import shutil


# expect: TMP002 safe, TMP002 safe, TMP002 safe
def f():
	os.mkdir("/tmp/tabbed")
	if os.path.isdir("/tmp/tabbed"):
		print("made")
	shutil.rmtree("/tmp/tabbed")
