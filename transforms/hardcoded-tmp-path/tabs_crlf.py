import os
import shutil


def f():
	os.mkdir("/tmp/tabbed")
	if os.path.isdir("/tmp/tabbed"):
		print("made")
	shutil.rmtree("/tmp/tabbed")
