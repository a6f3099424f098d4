# open(tempfile.mktemp(...), mode) becomes NamedTemporaryFile(mode, ..., delete=False).
import io
import tempfile


def write_csv(rows):
    with open(tempfile.mktemp(".csv"), "w", newline="") as f:
        f.write(rows)
        return f.name


def positional_suffix_prefix_dir(d):
    f = open(tempfile.mktemp(".bin", "blob_", d), "wb")
    f.close()


def keyword_mode_and_encoding():
    f = io.open(tempfile.mktemp(), mode="a", encoding="utf-8")
    f.close()


def exclusive_mode():
    f = open(tempfile.mktemp(), "x")
    f.close()


def read_mode_is_not_fixed():
    # Opening for reading means the file exists already: no fix.
    return open(tempfile.mktemp(), "r")


def closefd_is_not_fixed():
    return open(tempfile.mktemp(), "w", closefd=True)


def comment_inside_is_unsafe():
    return open(
        tempfile.mktemp(),  # scratch file
        "w",
    )
