#!/usr/bin/env python3
"""Scores a tempsafe JSON report against hand-made labels (issue 10).

    scripts/score-labels.py REPORT [LABELS] [--root DIR] [--json] [--check]

REPORT is the output of `tempsafe check --output-format json PATHS` (or of
`fix --dry-run`; `-` reads standard input). With or without --unsafe-fixes
both work: each finding's `applicability` says whether its fix is safe or
unsafe, and `fix_status` says whether there is one. Fields this script does
not know are ignored.
LABELS defaults to corpus/labels-A.tsv (its header explains the columns).
--root is the directory the report's paths are relative to (the directory
tempsafe ran in; default: the current one). The flagged source text is read
from there, so that a labelled row is found again when lines move; a file
that cannot be read is matched by line only.

Prints: precision (true findings / all reported; unlabelled findings count
as not true and are listed), safe-fix recall (fixable findings with a safe
fix / all fixable), unsafe-fix coverage, fixes offered on fp or unfixable
findings, labelled true findings no longer reported, new findings nobody has
labelled, and fixes judged leaking or wrong when labelled that are still
offered. --json prints the same as one JSON object. --check exits 1 when a
target is missed: precision >= 0.90, safe-fix recall >= 0.60, no fix on an
fp or unfixable finding, no true finding lost. Exit 2: unreadable input.
"""
import argparse
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = os.path.join(ROOT, "corpus", "labels-A.tsv")
TRUE = ("fixable", "unfixable")
SNIPPET_MAX = 60


def fail(msg):
    print(f"score-labels: {msg}", file=sys.stderr)
    sys.exit(2)


def read_labels(path):
    """Rows of the labels file as dicts keyed by its header's column names."""
    rows, header = [], None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                missing = {"path", "line", "code", "label"} - set(header)
                if missing:
                    fail(f"{path}: header lacks {', '.join(sorted(missing))}")
                continue
            row = dict(zip(header, cells))
            if row["label"] not in ("fp",) + TRUE:
                fail(f"{path}:{n}: label {row['label']!r} is not fp, fixable or unfixable")
            row["line"] = int(row["line"])
            row["snippet"] = row.get("snippet", "")
            rows.append(row)
    return rows


def report_findings(doc):
    """(path, finding) pairs of a report: {"files": [{path, findings}]}, or a bare list."""
    files = doc.get("files", []) if isinstance(doc, dict) else doc
    for entry in files:
        if not isinstance(entry, dict):
            continue
        if isinstance(entry.get("findings"), list):
            for finding in entry["findings"]:
                yield entry.get("path") or entry.get("filename"), finding
        elif "code" in entry:
            yield entry.get("path") or entry.get("filename"), entry


def position(finding, key):
    """1-based line/column of a finding; tolerant of a nested `location`."""
    if key in finding:
        return finding[key]
    nested = finding.get("location" if key in ("line", "column") else "end_location") or {}
    return nested.get({"line": "row", "column": "column", "end_line": "row", "end_column": "column"}[key])


def fix_kind(finding):
    """safe | unsafe | display | none: what tempsafe offers for this finding."""
    status = finding.get("fix_status")
    applicability = finding.get("applicability")
    if status in (None, "no-fix") or not applicability:
        return "none"
    if applicability == "display-only" or status == "display-only":
        return "display"
    return applicability if applicability in ("safe", "unsafe") else "none"


def snippet(lines, finding):
    """The flagged text as the labels file keeps it (first line of the span, shortened)."""
    line, column = position(finding, "line"), position(finding, "column")
    if not lines or not line or not column or line > len(lines):
        return None
    text = lines[line - 1]
    end_line, end_column = position(finding, "end_line"), position(finding, "end_column")
    end = end_column - 1 if end_line == line and end_column else len(text)
    text = text[column - 1 : end].strip().replace("\t", " ")
    return text[: SNIPPET_MAX - 3] + "..." if len(text) > SNIPPET_MAX else text


def label_path(report_path, known):
    """The labels' spelling of a report path: its longest suffix (at a '/') that is labelled."""
    parts = report_path.replace("\\", "/").split("/")
    for k in range(len(parts)):
        candidate = "/".join(p for p in parts[k:] if p != ".")
        if candidate in known:
            return candidate
    return report_path


def match(rows, findings):
    """Pairs each finding with at most one row of the same file and code.

    First the same line and snippet, then the same snippet on the nearest
    line (the code moved), then the same line (the source could not be read
    or the flagged text changed).
    """
    free = list(range(len(rows)))
    paired = {}
    passes = (
        lambda r, f: r["line"] == f["line"] and r["snippet"] == f["snippet"],
        lambda r, f: bool(f["snippet"]) and r["snippet"] == f["snippet"],
        lambda r, f: r["line"] == f["line"],
    )
    by_line = 0
    for n, same in enumerate(passes):
        for fi, f in enumerate(findings):
            if fi in paired:
                continue
            candidates = [
                ri for ri in free
                if rows[ri]["path"] == f["path"] and rows[ri]["code"] == f["code"] and same(rows[ri], f)
            ]
            if candidates:
                ri = min(candidates, key=lambda i: abs(rows[i]["line"] - f["line"]))
                free.remove(ri)
                paired[fi] = ri
                by_line += n == 2
    return paired, by_line


def ratio(a, b):
    return round(a / b, 4) if b else None


def score(rows, findings):
    paired, by_line = match(rows, findings)
    matched_rows = {ri: fi for fi, ri in paired.items()}

    def where(row=None, finding=None):
        src = finding if finding is not None else row
        item = {"path": src["path"], "line": src["line"], "code": src["code"],
                "snippet": src["snippet"] if src["snippet"] is not None else ""}
        if row is not None:
            item["label"] = row["label"]
        if finding is not None:
            item["fix"] = finding["fix"]
        return item

    true_reported = sum(1 for ri in matched_rows if rows[ri]["label"] in TRUE)
    fixable = [ri for ri, r in enumerate(rows) if r["label"] == "fixable"]
    fix_of = {ri: findings[fi]["fix"] for ri, fi in matched_rows.items()}
    safe = [ri for ri in fixable if fix_of.get(ri) == "safe"]
    unsafe = [ri for ri in fixable if fix_of.get(ri) == "unsafe"]
    return {
        "reported": len(findings),
        "labelled_reported": len(paired),
        "true_reported": true_reported,
        "fp_reported": len(paired) - true_reported,
        "precision": ratio(true_reported, len(findings)),
        "precision_of_labelled": ratio(true_reported, len(paired)),
        "fixable": len(fixable),
        "fixable_safe_fix": len(safe),
        "safe_fix_recall": ratio(len(safe), len(fixable)),
        "fixable_unsafe_fix": len(unsafe),
        "unsafe_fix_coverage": ratio(len(unsafe), len(fixable)),
        "any_fix_coverage": ratio(len(safe) + len(unsafe), len(fixable)),
        "fp_dismissed": sum(1 for ri, r in enumerate(rows) if r["label"] == "fp" and ri not in matched_rows),
        "matched_by_line_only": by_line,
        "fixes_on_fp_or_unfixable": [
            where(rows[ri], findings[fi]) for ri, fi in sorted(matched_rows.items())
            if rows[ri]["label"] not in ("fixable",) and findings[fi]["fix"] in ("safe", "unsafe")
        ],
        "lost_true_findings": [where(r) for ri, r in enumerate(rows) if r["label"] in TRUE and ri not in matched_rows],
        "unlabelled_findings": [where(finding=f) for fi, f in enumerate(findings) if fi not in paired],
        "bad_fixes_still_offered": [
            dict(where(rows[ri], findings[fi]), verdict_before=rows[ri]["verdict_before"])
            for ri, fi in sorted(matched_rows.items())
            if rows[ri].get("verdict_before") in ("leaks", "wrong")
            and findings[fi]["fix"] == rows[ri].get("fix_before")
        ],
    }


def targets(s, min_precision, min_recall):
    """The targets a figure misses, as sentences (empty when all are met)."""
    missed = []
    if s["precision"] is not None and s["precision"] < min_precision:
        missed.append(f"precision {s['precision']:.3f} < {min_precision}")
    if s["safe_fix_recall"] is not None and s["safe_fix_recall"] < min_recall:
        missed.append(f"safe-fix recall {s['safe_fix_recall']:.3f} < {min_recall}")
    if s["fixes_on_fp_or_unfixable"]:
        missed.append(f"{len(s['fixes_on_fp_or_unfixable'])} fixes on fp or unfixable findings")
    if s["lost_true_findings"]:
        missed.append(f"{len(s['lost_true_findings'])} labelled true findings no longer reported")
    return missed


def pct(x):
    return "-" if x is None else f"{100 * x:.1f}%"


def text(s, missed):
    out = [
        f"reported findings       {s['reported']} ({s['labelled_reported']} labelled: "
        f"{s['true_reported']} true, {s['fp_reported']} fp; {len(s['unlabelled_findings'])} unlabelled)",
        f"precision               {pct(s['precision'])}  ({s['true_reported']}/{s['reported']}; "
        f"of labelled findings only: {pct(s['precision_of_labelled'])})",
        f"safe-fix recall         {pct(s['safe_fix_recall'])}  ({s['fixable_safe_fix']}/{s['fixable']} fixable)",
        f"unsafe-fix coverage     {pct(s['unsafe_fix_coverage'])}  ({s['fixable_unsafe_fix']}/{s['fixable']} "
        f"fixable get only an unsafe fix; any fix: {pct(s['any_fix_coverage'])})",
        f"fp no longer reported   {s['fp_dismissed']}",
    ]
    if s["matched_by_line_only"]:
        out.append(f"matched by line only    {s['matched_by_line_only']} (flagged text changed or unreadable)")

    def listing(title, items, extra=lambda i: ""):
        out.append(f"{title}: {len(items)}")
        for i in items:
            label = f" {i['label']}" if "label" in i else ""
            out.append(f"  {i['path']}:{i['line']} {i['code']}{label}{extra(i)}  {i['snippet']}")

    listing("fixes on fp or unfixable findings", s["fixes_on_fp_or_unfixable"], lambda i: f" ({i['fix']} fix)")
    listing("labelled true findings no longer reported", s["lost_true_findings"])
    listing("new findings nobody has labelled", s["unlabelled_findings"],
            lambda i: " (no fix)" if i["fix"] == "none" else f" ({i['fix']} fix)")
    listing("fixes judged leaking or wrong when labelled, still offered (re-read them)",
            s["bad_fixes_still_offered"], lambda i: f" ({i['fix']} fix, was {i['verdict_before']})")
    out.append("targets: " + ("met" if not missed else "MISSED: " + "; ".join(missed)))
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", help="tempsafe --output-format json report, or - for stdin")
    parser.add_argument("labels", nargs="?", default=LABELS, help="labels TSV (default: corpus/labels-A.tsv)")
    parser.add_argument("--root", default=".", help="directory the report's paths are relative to")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--min-precision", type=float, default=0.90)
    parser.add_argument("--min-recall", type=float, default=0.60)
    args = parser.parse_args()

    try:
        rows = read_labels(args.labels)
        doc = json.load(sys.stdin if args.report == "-" else open(args.report, encoding="utf-8"))
    except (OSError, ValueError) as e:
        fail(str(e))
    known = {r["path"] for r in rows}
    sources, findings = {}, []
    for path, f in report_findings(doc):
        if path is None or "code" not in f:
            continue
        if path not in sources:
            try:
                with open(os.path.join(args.root, path), encoding="utf-8", errors="replace") as src:
                    sources[path] = src.read().split("\n")
            except OSError:
                sources[path] = None
        findings.append({
            "path": label_path(path, known),
            "line": position(f, "line"),
            "code": f["code"],
            "snippet": snippet(sources[path], f),
            "fix": fix_kind(f),
        })
    s = score(rows, findings)
    missed = targets(s, args.min_precision, args.min_recall)
    if args.json:
        print(json.dumps(dict(s, targets_missed=missed), indent=2))
    else:
        print(text(s, missed))
    sys.exit(1 if args.check and missed else 0)


if __name__ == "__main__":
    main()
