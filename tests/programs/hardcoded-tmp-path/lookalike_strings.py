# Shape: "/tmp/..." strings that never reach the filesystem -- docstrings, a log message, a
# module-level help text, a path literal that is only printed, and a prefix used in a string
# comparison, all printed -- next to one real hardcoded path "/tmp/tempsafe_lookalike.txt" that
# is written, read back and removed.
# Expected fix: only the real path is rewritten (mkstemp with prefix/suffix + cleanup); every
# printed "/tmp" string stays byte-for-byte, or stdout changes. Nothing left behind.
import os
import shutil

HELP = "Writes its report to /tmp/tempsafe_report.txt unless --out is given."


def remove_stale(name):
    # Undo an earlier, interrupted run so that runs repeat; spelled without a "/tmp" literal so
    # that the fix leaves this helper alone.
    stale = os.path.join(os.sep, "tmp", name)
    if os.path.isdir(stale):
        shutil.rmtree(stale)
    elif os.path.exists(stale):
        os.remove(stale)


def under_tmp(path):
    """Say whether `path` lies under /tmp/ (e.g. /tmp/tempsafe_example)."""
    return path.startswith("/tmp/")


def write_report(lines):
    """Write `lines` to /tmp/tempsafe_lookalike.txt and read them back."""
    print("writing report to /tmp/tempsafe_lookalike.txt")
    print("default location:", "/tmp/tempsafe_report.txt")
    out = "/tmp/tempsafe_lookalike.txt"
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(out) as f:
        back = f.read().splitlines()
    os.remove(out)
    return back


if __name__ == "__main__":
    remove_stale("tempsafe_lookalike.txt")
    print(HELP)
    print(write_report.__doc__)
    print(under_tmp.__doc__)
    print("under tmp:", under_tmp("/tmp/tempsafe_example"), under_tmp("/var/lib/x"))
    print("report:", write_report(["one", "two"]))
