# Shape: a function that creates a mkdtemp directory and then holds multi-line triple-quoted
# strings (plain and f-string: lines at column 0, indented lines, a line that starts with a
# replacement field, a closing quote at column 0) that are written into a file in the directory,
# read back and printed verbatim. The directory is never removed (leaks one directory).
# Expected fix: the rest of the function in `try:` with
# `finally: shutil.rmtree(d, ignore_errors=True)`; the statements are re-indented but the
# contents of the strings must stay byte-for-byte identical, or the printed text changes.
# expect-clean-after-fix
import os
import tempfile


def render(port):
    d = tempfile.mkdtemp()
    template = """server {
    listen PORT;
    location / {
        root /srv/www;
    }
}
"""
    path = os.path.join(d, "site.conf")
    with open(path, "w") as f:
        f.write(template.replace("PORT", str(port)))
        f.write(f"""# generated
  # port {port}
{port // 2} is half of it
\tend
""")
    with open(path) as f:
        text = f.read()
    print(text, end="")
    print("---")
    return repr(text[-12:])


if __name__ == "__main__":
    print(render(8080))
