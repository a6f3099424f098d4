#!/usr/bin/env python3
"""Apply the edits of a tempsafe JSON report to the files it names.

    tempsafe fix --diff --output-format json . > report.json
    python3 apply-json-edits.py report.json

Each file entry's "edits" (present under `fix` and `--diff`) turn the file
into exactly what `tempsafe fix` writes. Rows and columns count from 1;
rows end at "\n", columns count characters. Paths are relative to where
tempsafe ran (pass --root to apply them elsewhere).
"""

import argparse
import json
import os
import sys


def offset(rows, row, column):
    """The character offset of (row, column) in the joined rows."""
    return sum(len(r) for r in rows[: row - 1]) + column - 1


def apply(text, edits):
    rows = split_rows(text)
    spans = [
        (offset(rows, e["location"]["row"], e["location"]["column"]),
         offset(rows, e["end_location"]["row"], e["end_location"]["column"]),
         e["content"])
        for e in edits
    ]
    for start, end, content in sorted(spans, reverse=True):
        text = text[:start] + content + text[end:]
    return text


def split_rows(text):
    """Rows ending in "\n" (unlike str.splitlines, which splits at \r too)."""
    rows = text.split("\n")
    return [r + "\n" for r in rows[:-1]] + ([rows[-1]] if rows[-1] else [])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report")
    parser.add_argument("--root", default=".")
    args = parser.parse_args()
    with open(args.report, encoding="utf-8") as f:
        report = json.load(f)
    changed = 0
    for entry in report["files"]:
        edits = entry.get("edits")
        if not edits:
            continue
        path = os.path.join(args.root, entry["path"])
        # newline="" keeps CRLF and lone CR exactly as they are.
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(apply(text, edits))
        changed += 1
    print(f"{changed} files changed", file=sys.stderr)


if __name__ == "__main__":
    main()
