import tempfile; x = tempfile.mktemp()  # a finding on line 1 of a BOM file
# expect above: TMP001 no-fix
