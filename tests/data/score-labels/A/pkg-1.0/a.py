import tempfile
# added after labelling: every line below moved down by one
x = tempfile.mktemp(suffix=".x")
y = tempfile.mktemp(suffix=".y")
args = ["/tmp/a", "/tmp/b"]
LOG = "/tmp/log"
z = tempfile.mktemp()
