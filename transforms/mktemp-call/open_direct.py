# open(tempfile.mktemp(...), mode) becomes NamedTemporaryFile(mode, ..., delete=False).
import io
import tempfile


# expect: TMP001 safe
def write_csv(rows):
    with open(tempfile.mktemp(".csv"), "w", newline="") as f:
        f.write(rows)
        return f.name


# expect: TMP001 safe
def positional_suffix_prefix_dir(d):
    f = open(tempfile.mktemp(".bin", "blob_", d), "wb")
    f.close()


# expect: TMP001 safe
def keyword_mode_and_encoding():
    f = io.open(tempfile.mktemp(), mode="a", encoding="utf-8")
    f.close()


# expect: TMP001 safe
def exclusive_mode():
    f = open(tempfile.mktemp(), "x")
    f.close()


# expect: TMP001 no-fix
def read_mode_is_not_fixed():
    # Opening for reading means the file exists already: no fix.
    return open(tempfile.mktemp(), "r")


# expect: TMP001 no-fix
def closefd_is_not_fixed():
    return open(tempfile.mktemp(), "w", closefd=True)


# expect: TMP001 unsafe
def comment_inside_is_unsafe():
    return open(
        tempfile.mktemp(),  # scratch file
        "w",
    )
