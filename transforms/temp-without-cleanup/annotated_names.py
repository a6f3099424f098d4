# A name bound with an annotation (`tmp: Final[Path] = Path(name)`) holds the
# path the same as a plain assignment: its uses are followed (tox's
# atomic state write).
import json
import os
import tempfile
from pathlib import Path
from typing import Final


# ok
def write_state(target, content):
    fd, name = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    tmp: Final[Path] = Path(name)
    try:
        with os.fdopen(fd, "w") as f:
            f.write(json.dumps(content))
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


# Annotated and handed on: still not removed here.
# expect: TMP003 no-fix(escapes)
def handed_on(target, sink):
    fd, name = tempfile.mkstemp(dir=target.parent)
    os.close(fd)
    tmp: Path = Path(name)
    sink.take(tmp)


# Only annotated, no value: the name is not bound to the path.
# expect: TMP003 no-fix(escapes)
def declared_only(sink):
    directory = tempfile.mkdtemp()
    later: str
    sink.take(directory)
