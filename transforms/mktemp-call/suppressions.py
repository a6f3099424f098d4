import tempfile

# ok
a = tempfile.mktemp()  # noqa
# ok
b = tempfile.mktemp()  # noqa: TMP001
# ok
c = tempfile.mktemp()  # noqa: S306
# ok
d = tempfile.mktemp()  # nosec
# ok
e = tempfile.mktemp()  # nosec B306
# ok
# This is part of a legacy system that cannot be changed.
# The risk of the race condition has been accepted.
# ignore
f = tempfile.mktemp()
# ok
# ignore: CSP-D504
g = tempfile.mktemp()
# expect: TMP001 no-fix
h = tempfile.mktemp()  # noqa: E501 (another code: still reported)
# expect: TMP001 no-fix
# ignore this line of prose: not a suppression
i = tempfile.mktemp()
