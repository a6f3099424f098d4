# tempsafe: skip-file
import tempfile

name = tempfile.mktemp()
