#!/usr/bin/env python3
"""Findings comparison: tempsafe against Bandit (B108, B306) and Ruff (S108,
S306) on the same tree (corpus A by default).

Every mktemp call and hardcoded temporary path that Bandit or Ruff report is
either reported by tempsafe too (TMP001 for B306/S306, TMP002 for B108/S108)
or listed with the reason tempsafe does not report it; what tempsafe finds
that neither reports is listed too.

    scripts/compare-findings.py [TREE]        (default: .corpus/A)
"""
import ast
import collections
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TREE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".corpus", "A"))
TEMPSAFE = os.path.join(ROOT, "target", "release", "tempsafe")
TMP_DIRS = ("/tmp", "/var/tmp", "/dev/shm")


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True).stdout


def bandit():
    out = json.loads(run(["bandit", "-q", "-r", "-t", "B108,B306", "-f", "json", TREE]) or "{}")
    for r in out.get("results", []):
        kind = "tmp" if r["test_id"] == "B108" else "mktemp"
        yield kind, os.path.abspath(r["filename"]), r["line_number"]


def ruff():
    out = json.loads(run(["ruff", "check", "--isolated", "--no-cache", "--select", "S108,S306",
                          "--output-format", "json", "--exit-zero", TREE]) or "[]")
    for r in out:
        kind = "tmp" if r["code"] == "S108" else "mktemp"
        yield kind, os.path.abspath(r["filename"]), r["location"]["row"]


def tempsafe():
    out = json.loads(run([TEMPSAFE, "check", "--output-format", "json", "--no-ignore", TREE]))
    for f in out["files"]:
        for x in f["findings"]:
            kind = {"TMP001": "mktemp", "TMP002": "tmp"}.get(x["code"])
            if kind:
                path = f["path"] if os.path.isabs(f["path"]) else os.path.join(os.getcwd(), f["path"])
                yield kind, os.path.abspath(path), x["line"], x["end_line"]


class Parents(ast.NodeVisitor):
    def __init__(self):
        self.parent = {}

    def generic_visit(self, node):
        for child in ast.iter_child_nodes(node):
            self.parent[child] = node
        super().generic_visit(node)


_trees = {}


def why_not(kind, path, line):
    """Why tempsafe does not report a finding of the others, from the code."""
    try:
        source = open(path, encoding="utf-8").read()
    except (OSError, UnicodeDecodeError):
        return "file is not UTF-8: tempsafe reports it as unreadable"
    if path not in _trees:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            _trees[path] = None
        else:
            p = Parents()
            p.visit(tree)
            _trees[path] = (tree, p.parent)
    if _trees[path] is None:
        return "file does not parse as Python 3: tempsafe reports a syntax error"
    tree, parent = _trees[path]
    if kind == "mktemp":
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node, "lineno", 0) == line:
                func = node.func
                if isinstance(func, ast.Attribute) and func.attr == "mktemp":
                    base = func.value
                    if isinstance(base, ast.Name) and base.id != "tempfile":
                        return f"look-alike: `{base.id}.mktemp()` is not tempfile.mktemp"
                    if isinstance(base, ast.Attribute):
                        return "look-alike: a method named mktemp"
        return "unexplained"
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if not (node.lineno <= line <= getattr(node, "end_lineno", node.lineno)):
            continue
        value = node.value
        if not value.startswith(TMP_DIRS):
            continue
        rest = value[len(next(d for d in TMP_DIRS if value.startswith(d))):]
        if rest and not rest.startswith("/"):
            return "not under a temporary directory (`/tmpfoo`-style prefix)"
        up = parent.get(node)
        if isinstance(up, ast.JoinedStr):
            up = parent.get(up)
        if isinstance(up, ast.Expr):
            return "a docstring or bare string: never reaches the file system"
        if isinstance(up, ast.Compare):
            return "only compared: never reaches the file system"
        if isinstance(up, ast.Call):
            f = up.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if name in ("print", "debug", "info", "warning", "warn", "error", "exception", "critical", "log"):
                return "a log or print message: never reaches the file system"
            if name in ("startswith", "endswith", "replace", "split", "find", "format", "strip"):
                return "a string operation's argument: never reaches the file system"
            if name.startswith("assert"):
                return "an assertion's expected value: never reaches the file system"
        if isinstance(up, ast.keyword):
            if up.arg in ("help", "description", "doc"):
                return "help text: never reaches the file system"
            call = parent.get(up)
            f = getattr(call, "func", None)
            if isinstance(f, ast.Attribute) and f.attr.startswith("assert"):
                return "an argument of an assert* method: tempsafe takes it as a value, not a path"
        return "used only as a string (message, comparison, formatting): never reaches the file system"
    return "unexplained"


def main():
    subprocess.run(["cargo", "build", "--release", "-q"], cwd=ROOT, check=True)
    others = collections.defaultdict(set)
    for tool, gen in (("bandit", bandit()), ("ruff", ruff())):
        for kind, path, line in gen:
            others[(kind, path, line)].add(tool)
    ours = {}
    for kind, path, line, end in tempsafe():
        for l in range(line, end + 1):
            ours[(kind, path, l)] = line
    matched = {k for k in others if k in ours}
    missed = [k for k in others if k not in ours]
    reasons = collections.Counter()
    examples = {}
    for k in missed:
        r = why_not(*k)
        reasons[(k[0], r)] += 1
        examples.setdefault((k[0], r), k)
    rel = lambda p: os.path.relpath(p, TREE)
    print(f"## Findings comparison on {os.path.relpath(TREE, ROOT)}\n")
    for kind, label in (("mktemp", "mktemp calls (B306/S306 vs TMP001)"), ("tmp", "hardcoded temp paths (B108/S108 vs TMP002)")):
        theirs = [k for k in others if k[0] == kind]
        print(f"### {label}\n")
        print(f"- reported by Bandit or Ruff: {len(theirs)} "
              f"(Bandit {sum('bandit' in others[k] for k in theirs)}, Ruff {sum('ruff' in others[k] for k in theirs)})")
        print(f"- also reported by tempsafe: {sum(k in matched for k in theirs)}")
        print(f"- not reported by tempsafe, by reason:\n")
        print("| reason | count | example |")
        print("|---|---|---|")
        for (k, r), n in sorted(reasons.items(), key=lambda x: -x[1]):
            if k == kind:
                e = examples[(k, r)]
                print(f"| {r} | {n} | `{rel(e[1])}:{e[2]}` |")
        found_only = sorted({(p, first) for (kk, p, l), first in ours.items() if kk == kind}
                            - {(p, ours[(kk, p, l)]) for (kk, p, l) in others if kk == kind and (kk, p, l) in ours})
        print(f"\n- reported by tempsafe only: {len(found_only)}")
        for p, l in found_only[:15]:
            print(f"  - `{rel(p)}:{l}`")
        print()
    unexplained = sum(n for (k, r), n in reasons.items() if r == "unexplained")
    print(f"unexplained misses: {unexplained}")


if __name__ == "__main__":
    main()
