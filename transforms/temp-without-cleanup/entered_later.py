# A temporary object made first and entered later (`with unpacked as u`,
# setuptools' editable wheel): leaving the `with` block runs its cleanup.
import tempfile
from tempfile import TemporaryDirectory


# ok
def build_wheel(run):
    unpacked = TemporaryDirectory(suffix=".whl")
    build_lib = TemporaryDirectory(suffix=".build-lib")
    with unpacked as target, build_lib as lib:
        run(target, lib)


# ok
def named_file_entered_later(data):
    f = tempfile.NamedTemporaryFile()
    with f as out:
        out.write(data)


# Never entered and never cleaned up.
# expect: TMP003 safe
def never_entered():
    td = tempfile.TemporaryDirectory()
    print(td.name)
