import tempfile

a = tempfile.mktemp()  # noqa
b = tempfile.mktemp()  # noqa: TMP001
c = tempfile.mktemp()  # noqa: S306
d = tempfile.mktemp()  # nosec
e = tempfile.mktemp()  # nosec B306
# This is part of a legacy system that cannot be changed.
# The risk of the race condition has been accepted.
# ignore
f = tempfile.mktemp()
# ignore: CSP-D504
g = tempfile.mktemp()
h = tempfile.mktemp()  # noqa: E501 (another code: still reported)
# ignore this line of prose: not a suppression
i = tempfile.mktemp()
