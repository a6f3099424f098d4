# tempsafe: skip-file
import tempfile

# ok
name = tempfile.mktemp()
