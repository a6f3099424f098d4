# A `\` alone on the line before the statement: the rewrite cannot wrap
# it (a `try:` between the two lines would join them). Reported, no fix.
import os
# expect: TMP002 no-fix, TMP002 no-fix
def f():
    \
    with open("/tmp/a.txt", "w") as f:
        f.write("x")
    os.remove("/tmp/a.txt")
