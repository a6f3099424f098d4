# A `\` alone on the line before the statement (the fuzzer found it): the
# indent unit is not taken from that line, and the fix parses.
import tempfile


# expect: TMP003 safe
def record(events):
    \
    f = tempfile.NamedTemporaryFile(mode="w", delete=False)
    f.write("x")
    f.close()
