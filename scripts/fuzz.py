#!/usr/bin/env python3
"""Mutation fuzzer for tempsafe (issue 8, "How it must be proven").

Seeds are the transform cases (transforms/), the runnable programs
(tests/programs/) and any corpus directories given as arguments. Each mutant
is a seed with a few mutations applied, kept only if CPython's `ast.parse`
accepts it. Mutants are run in batches (many files per tempsafe invocation);
a batch whose run dies is bisected down to the file. Checked on every mutant:

  crash          no panic or abort (exit code <= 2, no "panicked" / "fatal
                 runtime error" on stderr, no "internal error" report)
  rejects-valid  tempsafe reports a syntax error on a file CPython accepts
  guard          a fix produced invalid syntax (the re-parse guard tripped)
  compile        every output is accepted by CPython's compile()
  second-run     a second fix run changes nothing
  dry-run        the --dry-run patch applied with `git apply` equals what fix writes
  new-finding    after fixing, check reports no more findings per code than before
  comments       every comment of the input is still in the output (lossless)
  suppression    a line suppressed for tempsafe (`# noqa`, `# nosec B108` ...)
                 is still in the output, unchanged but for its indentation

Each of fix and fix --unsafe-fixes is checked. Failures are minimized a
little (statements and lines removed while the same failure remains) and
saved to the output directory with the reason.

Python 3 standard library only; no network.

    python3 scripts/fuzz.py --bin target/release/tempsafe --seconds 600 /path/to/corpus
    python3 scripts/fuzz.py --seed 1 --count 200        # the CI slice
"""

import argparse
import ast
import concurrent.futures
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECKS = [
    "crash",
    "rejects-valid",
    "guard",
    "compile",
    "second-run",
    "dry-run",
    "new-finding",
    "comments",
    "suppression",
]
# The transform each suppression code names (src/transforms/mod.rs aliases),
# and what on a line a transform reports: a suppression counts only where
# its transform could report something on that line.
ALIASES = {"s306": "TMP001", "b306": "TMP001", "csp-d504": "TMP001", "cwe-377": "TMP001", "s108": "TMP002", "b108": "TMP002"}
TRIGGERS = {
    "TMP001": re.compile(r"\bmktemp\b|\btmpnam\b|\btempnam\b"),
    "TMP002": re.compile(r"[\"']/(var/)?tmp\b|[\"']/dev/shm\b"),
    "TMP003": re.compile(r"\bmkstemp\b|\bmkdtemp\b|NamedTemporaryFile"),
    "TMP004": re.compile(r"\bchmod\b|\bmode\s*=|0o?[0-7]{3}"),
}
MAX_SEED_BYTES = 60_000

warnings.simplefilter("ignore")  # SyntaxWarning from seeds' escapes


# --------------------------------------------------------------------------
# Validity


def parses(data):
    """CPython's ast accepts these bytes (coding cookie and BOM honoured)."""
    try:
        ast.parse(data)
        return True
    except (SyntaxError, ValueError, MemoryError, RecursionError, UnicodeError):
        return False


def compile_error(data):
    """Why CPython's compile() refuses these bytes, or None."""
    try:
        compile(data, "<fixed>", "exec", dont_inherit=True)
        return None
    except (SyntaxError, ValueError, MemoryError, RecursionError, UnicodeError) as e:
        return f"{type(e).__name__}: {e}"


def as_text(data):
    """Bytes as text with "\n" newlines and no BOM (None if undecodable)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def comments_of(data):
    """The comments of a source, as a list (None if it does not tokenize)."""
    import io
    import tokenize

    text = as_text(data)
    if text is None:
        return None
    try:
        return [t.string.rstrip() for t in tokenize.generate_tokens(io.StringIO(text).readline) if t.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return None


def suppressed_lines(data):
    """Lines carrying a noqa/nosec that covers a tempsafe finding, stripped."""
    out = []
    for c in comments_of(data) or []:
        m = re.search(r"#\s*(noqa|nosec)\b:?\s*([\w\s,]*)", c, re.I)
        if not m:
            continue
        codes = {ALIASES.get(x.lower(), x.upper()) for x in re.split(r"[\s,]+", m.group(2)) if x}
        out.append((c, codes or set(TRIGGERS)))
    if not out:
        return []
    kept = []
    for ln in as_text(data).split("\n"):
        ln = ln.strip()
        # An import holds no finding to suppress: a fix may change what it
        # imports (`mktemp` becomes `mkstemp`), comment and all kept.
        if ln.startswith(("import ", "from ")):
            continue
        for c, codes in out:
            if ln.endswith(c) and any(TRIGGERS[r].search(ln[: -len(c)]) for r in codes if r in TRIGGERS):
                kept.append(ln)
                break
    return kept


def lost(before, after):
    """The items of `before` missing from `after` (multisets)."""
    left = list(after)
    missing = []
    for x in before:
        if x in left:
            left.remove(x)
        else:
            missing.append(x)
    return missing


# --------------------------------------------------------------------------
# Mutations. Each takes (text: str, rng) and returns a new text or None.
# Text is handled as str with "\n" newlines; line endings, BOM and cookies
# are applied at the end (see `finish`).


def lines_of(text):
    return text.split("\n")


def statements(tree):
    """Every statement node with its parent body list."""
    out = []
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                for i, stmt in enumerate(body):
                    out.append((stmt, body, i))
        for handler in getattr(node, "handlers", []) or []:
            for i, stmt in enumerate(handler.body):
                out.append((stmt, handler.body, i))
    return out


def first_line(stmt):
    decos = getattr(stmt, "decorator_list", None) or []
    return min([stmt.lineno] + [d.lineno for d in decos])


def stmt_span(lines, stmt):
    """(start, end) 0-based line indexes of a statement that owns whole lines."""
    start, end = first_line(stmt) - 1, stmt.end_lineno - 1
    if start < 0 or end >= len(lines):
        return None
    head = lines[start][: stmt.col_offset]
    if head.strip() and not getattr(stmt, "decorator_list", None):
        return None
    return start, end


def indent_of(line):
    return line[: len(line) - len(line.lstrip(" \t"))]


def parse_text(text):
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None


def pick_stmt(text, rng, in_function=False):
    tree = parse_text(text)
    if tree is None:
        return None
    lines = lines_of(text)
    cands = statements(tree)
    if in_function:
        funcs = [
            n
            for n in ast.walk(tree)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
        ]
        inner = set()
        for f in funcs:
            for n in ast.walk(f):
                inner.add(id(n))
        fc = [c for c in cands if id(c[0]) in inner and c[0] not in funcs]
        if fc:
            cands = fc
    rng.shuffle(cands)
    for stmt, body, i in cands[:20]:
        span = stmt_span(lines, stmt)
        if span:
            return lines, stmt, body, i, span
    return None


def m_wrap(text, rng):
    got = pick_stmt(text, rng, in_function=rng.random() < 0.7)
    if not got:
        return None
    lines, stmt, body, i, (s, e) = got
    ind = indent_of(lines[s])
    unit = rng.choice(["    ", "\t", "  ", "        ", " \t"])
    head, tail = rng.choice(
        [
            (["if True:"], []),
            (["if __debug__:"], ["else:", unit + "pass"]),
            (["for _fz in range(1):"], []),
            (["while True:"], [unit + "break"]),
            (["with open(__file__) as _fz:"], []),
            (["try:"], ["except Exception:", unit + "raise"]),
            (["try:"], ["finally:", unit + "pass"]),
            (["if x:", unit + "pass", "else:"], []),
        ]
    )
    block = [ind + h for h in head]
    block += [(ind + unit + ln[len(ind):]) if ln.startswith(ind) else ln for ln in lines[s : e + 1]]
    block += [ind + t for t in tail]
    return "\n".join(lines[:s] + block + lines[e + 1 :])


def m_deep(text, rng):
    got = pick_stmt(text, rng, in_function=True)
    if not got:
        return None
    lines, stmt, body, i, (s, e) = got
    ind = indent_of(lines[s])
    depth = rng.choice([5, 20, 40, 90, 99])
    unit = rng.choice([" ", "\t", "  "])
    block = [ind + unit * k + "if True:" for k in range(depth)]
    pad = ind + unit * depth
    block += [(pad + ln[len(ind):]) if ln.startswith(ind) else ln for ln in lines[s : e + 1]]
    return "\n".join(lines[:s] + block + lines[e + 1 :])


def m_deep_expr(text, rng):
    n = rng.choice([50, 150, 190, 1000, 5000])
    kind = rng.random()
    if kind < 0.4:
        expr = "[" * n + "tempfile.mktemp()" + "]" * n
    elif kind < 0.7:
        expr = " + ".join(['"/tmp/a"'] * n)
    else:
        expr = "(" * n + '"/tmp/deep"' + ")" * n
    return text + "\nimport tempfile\n_fz_deep = " + expr + "\n"


def m_move_to_end(text, rng):
    got = pick_stmt(text, rng, in_function=True)
    if not got:
        return None
    lines, stmt, body, i, (s, e) = got
    if len(body) < 2 or i == len(body) - 1:
        return None
    last = body[-1]
    span = stmt_span(lines, last)
    if not span:
        return None
    ls, le = span
    if ls <= e:
        return None
    moved = lines[s : e + 1]
    rest = lines[:s] + lines[e + 1 : le + 1]
    return "\n".join(rest + moved + lines[le + 1 :])


def m_duplicate_function(text, rng):
    tree = parse_text(text)
    if tree is None:
        return None
    funcs = [
        n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    if not funcs:
        return None
    f = rng.choice(funcs)
    lines = lines_of(text)
    span = stmt_span(lines, f)
    if not span:
        return None
    s, e = span
    copy = lines[s : e + 1]
    if rng.random() < 0.5:
        copy = [re.sub(r"\bdef " + re.escape(f.name) + r"\b", "def " + f.name + "_dup", ln, 1) for ln in copy]
    return "\n".join(lines[: e + 1] + [""] + copy + lines[e + 1 :])


COMMENTS = ["# a comment", "# keep me", "# noqa", "# é ünïcode ☃", "#"]


def m_comment_in_call(text, rng):
    tree = parse_text(text)
    if tree is None:
        return None
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and (n.args or n.keywords)]
    if not calls:
        return None
    # Prefer the calls tempsafe rewrites.
    hot = [c for c in calls if re.search(r"mk|tmp|temp|open|mkdir|chmod", ast.unparse(c.func))]
    call = rng.choice(hot if hot and rng.random() < 0.8 else calls)
    lines = lines_of(text)
    args = list(call.args) + [k.value for k in call.keywords]
    args.sort(key=lambda a: (a.lineno, a.col_offset))
    # Insert "<comment>\n" after the "(" or after an argument's comma,
    # working from the end so earlier offsets stay right.
    points = []
    fl, fc = call.func.end_lineno - 1, call.func.end_col_offset
    points.append((fl, fc, "("))
    for a in args:
        points.append((a.end_lineno - 1, a.end_col_offset, ","))
    chosen = [p for p in points if rng.random() < 0.6] or [points[0]]
    ind = indent_of(lines[call.lineno - 1]) + "    "
    for ln, col, ch in sorted(chosen, reverse=True):
        line = lines[ln]
        j = line.find(ch, col)
        if j < 0:
            continue
        between = line[col:j]
        if between.strip() not in ("", ")"):
            continue
        c = rng.choice(COMMENTS)
        lines[ln] = line[: j + 1] + "  " + c
        lines.insert(ln + 1, ind + line[j + 1 :].lstrip())
    return "\n".join(lines)


SUPPRESSIONS = [
    "# noqa",
    "# noqa: S108",
    "# noqa: S306",
    "# noqa: TMP001",
    "# noqa: TMP002",
    "# noqa:S108,S306",
    "# nosec",
    "# nosec B108",
    "# nosec B306",
    "# ignore: CSP-D504",
    "# type: ignore  # noqa",
]


def m_suppress(text, rng):
    lines = lines_of(text)
    hot = [i for i, ln in enumerate(lines) if re.search(r"mktemp|/tmp|mkdtemp|mkstemp|chmod|Temporary", ln)]
    if not hot:
        return None
    for i in rng.sample(hot, min(len(hot), rng.randint(1, 3))):
        sup = rng.choice(SUPPRESSIONS)
        if rng.random() < 0.3:
            lines.insert(i, indent_of(lines[i]) + "# ignore")
        else:
            lines[i] = lines[i] + "  " + sup
    return "\n".join(lines)


CLASH_NAMES = ["fd", "path", "temp_path", "tmp_dir", "name", "f", "tempfile", "os", "d", "_", "é", "fd_1", "shutil"]


def m_rename(text, rng):
    tree = parse_text(text)
    if tree is None:
        return None
    names = sorted(
        {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        | {a.arg for a in ast.walk(tree) if isinstance(a, ast.arg)}
    )
    if not names:
        return None
    old = rng.choice(names)
    new = rng.choice(CLASH_NAMES + [old + "_x", "ñame"])
    if new == old:
        return None
    return re.sub(r"(?<![\w.])" + re.escape(old) + r"(?!\w)", new, text)


SNIPPETS = [
    ["name = tempfile.mktemp()", "open(name, 'w').close()"],
    ["name = tempfile.mktemp(suffix='.txt')", "with open(name, 'w') as fh:", "    fh.write('x')", "os.remove(name)"],
    ["with open('/tmp/fuzz.txt', 'w') as fh:", "    fh.write('x')", "os.remove('/tmp/fuzz.txt')"],
    ["open('/tmp/report.txt', 'w').close()"],
    ["os.mkdir('/tmp/work')"],
    ["os.makedirs('/tmp/work/sub', exist_ok=True)", "shutil.rmtree('/tmp/work')"],
    ["d = tempfile.mkdtemp()", "open(os.path.join(d, 'x'), 'w').close()"],
    ["d = tempfile.mkdtemp()", "try:", "    pass", "finally:", "    shutil.rmtree(d)"],
    ["fd, p = tempfile.mkstemp()", "os.close(fd)"],
    ["fd, p = tempfile.mkstemp()", "os.chmod(p, 0o777)", "os.close(fd)"],
    ["t = tempfile.NamedTemporaryFile(delete=False)", "t.write(b'x')", "t.close()"],
    ["os.chmod('/tmp/fuzz.sock', 0o666)"],
    ["log = '/var/tmp/app.log'", "open(log, 'a').close()"],
    ["p = tempfile.mktemp(dir='/tmp')", "os.mkdir(p)"],
    ["q = tempfile.mktemp(", "    # the prefix", "    prefix='a_',  # trailing", "    suffix='.z',", ")", "open(q, 'w').close()"],
    ["x = tempfile.mktemp(); open(x, 'w').close()"],
    ["if x: y = tempfile.mktemp()"],
]


def insert_module_imports(text):
    tree = parse_text(text)
    if tree is None:
        return None
    lines = lines_of(text)
    at = 0
    for node in tree.body:
        is_doc = isinstance(node, ast.Expr) and isinstance(getattr(node, "value", None), ast.Constant) and isinstance(node.value.value, str)
        is_future = isinstance(node, ast.ImportFrom) and node.module == "__future__"
        if (is_doc and at == 0) or is_future:
            at = node.end_lineno
        else:
            break
    return "\n".join(lines[:at] + ["import os, shutil, tempfile"] + lines[at:])


def m_inject(text, rng):
    """Combine mktemp, /tmp and mkdtemp (and friends) in one function."""
    got = pick_stmt(text, rng, in_function=True)
    n = rng.randint(1, 3)
    chunk = []
    for _ in range(n):
        chunk += rng.choice(SNIPPETS)
    if got and rng.random() < 0.85:
        lines, stmt, body, i, (s, e) = got
        ind = indent_of(lines[s])
        at = s if rng.random() < 0.5 else e + 1
        new = lines[:at] + [ind + c for c in chunk] + lines[at:]
        text = "\n".join(new)
    else:
        unit = rng.choice(["    ", "\t"])
        text = text + "\n\ndef _fz_injected():\n" + "\n".join(unit + c for c in chunk) + "\n"
    if rng.random() < 0.3:
        # A function-local import instead of a module-level one.
        return text
    return insert_module_imports(text)


def m_retab(text, rng):
    """Re-indent a block (or the file) with tabs, spaces or a mix."""
    tree = parse_text(text)
    if tree is None:
        return None
    lines = lines_of(text)
    compounds = [
        n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For, ast.With, ast.Try, ast.While))
    ]
    if compounds and rng.random() < 0.7:
        node = rng.choice(compounds)
        span = stmt_span(lines, node)
        if not span:
            return None
        s, e = span
    else:
        s, e = 0, len(lines) - 1
    style = rng.choice(["tab", "tab+spaces", "two", "eight", "spaces-before-tab"])
    out = list(lines)
    base = indent_of(lines[s])
    for k in range(s + (1 if style == "tab+spaces" else 0), e + 1):
        ln = out[k]
        if not ln.startswith(base):
            continue
        rest = ln[len(base):]
        ws = indent_of(rest)
        if "\t" in ws:
            continue
        levels, extra = divmod(len(ws), 4)
        if style in ("tab", "tab+spaces"):
            new_ws = "\t" * levels + " " * extra
            if style == "tab+spaces" and levels:
                new_ws = "\t" + "    " * (levels - 1) + " " * extra
        elif style == "two":
            new_ws = "  " * levels + " " * extra
        elif style == "eight":
            new_ws = "        " * levels + " " * extra
        else:
            new_ws = (" \t" if levels else "") + "    " * max(levels - 1, 0) + " " * extra
        out[k] = base + new_ws + rest[len(ws):]
    if style == "tab+spaces" and rng.random() < 0.5:
        # The item-1 shape: a tab-indented block under `if True:`.
        out = out[:s] + ["if True:"] + ["\t" + ln if ln.strip() else ln for ln in out[s : e + 1]] + out[e + 1 :] if not base else out
    return "\n".join(out)


def m_semicolons(text, rng):
    """Join a simple statement with the next one on one line."""
    tree = parse_text(text)
    if tree is None:
        return None
    lines = lines_of(text)
    cands = []
    for stmt, body, i in statements(tree):
        if i + 1 < len(body) and stmt.lineno == stmt.end_lineno and body[i + 1].lineno == body[i + 1].end_lineno:
            nxt = body[i + 1]
            if isinstance(stmt, (ast.Assign, ast.Expr, ast.AugAssign, ast.Pass)) and isinstance(nxt, (ast.Assign, ast.Expr, ast.Pass, ast.Return, ast.AugAssign)) and nxt.lineno == stmt.lineno + 1:
                cands.append((stmt, nxt))
    if not cands:
        return None
    stmt, nxt = rng.choice(cands)
    a, b = stmt.lineno - 1, nxt.lineno - 1
    if "#" in lines[a]:
        return None
    lines[a] = lines[a].rstrip() + "; " + lines[b].strip()
    del lines[b]
    return "\n".join(lines)


def m_unicode(text, rng):
    """Non-ASCII text near findings: comments, strings, names."""
    lines = lines_of(text)
    hot = [i for i, ln in enumerate(lines) if re.search(r"mktemp|/tmp|mkdtemp|mkstemp", ln)] or list(range(len(lines)))
    i = rng.choice(hot)
    choice = rng.random()
    ind = indent_of(lines[i])
    if choice < 0.4:
        lines.insert(i, ind + rng.choice(["# é", "# 日本語のコメント", "# 🎉🎉", "# \u00a0nbsp"]))
    elif choice < 0.7:
        lines.insert(i, ind + rng.choice(["ñ = 'ü'", "_x = '🎉/tmp/ü'", "_y = \"日本\""]))
    else:
        lines[i] = lines[i].replace("/tmp/", "/tmp/ü", 1) if "/tmp/" in lines[i] else lines[i] + "  # 🎉"
    return "\n".join(lines)


def m_blank_and_trailing(text, rng):
    lines = lines_of(text)
    i = rng.randrange(len(lines))
    op = rng.random()
    if op < 0.3:
        lines.insert(i, "")
    elif op < 0.5:
        lines[i] = lines[i] + rng.choice([" ", "\t", "   "])
    elif op < 0.7:
        lines.insert(i, indent_of(lines[i]) + "\\")  # a lone continuation is invalid; ast filters it
    elif op < 0.85:
        lines.insert(i, "\f")
    else:
        return text.rstrip("\n")  # no final newline
    return "\n".join(lines)


def m_class_wrap(text, rng):
    """Put a function into a class (as a method) or make it async."""
    tree = parse_text(text)
    if tree is None:
        return None
    funcs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    if not funcs:
        return None
    f = rng.choice(funcs)
    lines = lines_of(text)
    span = stmt_span(lines, f)
    if not span:
        return None
    s, e = span
    if rng.random() < 0.5:
        body = ["    " + ln if ln.strip() else ln for ln in lines[s : e + 1]]
        body[f.lineno - 1 - s] = body[f.lineno - 1 - s].replace("def " + f.name + "(", "def " + f.name + "(self, ", 1).replace("(self, )", "(self)")
        return "\n".join(lines[:s] + ["class _Fz:"] + body + lines[e + 1 :])
    k = f.lineno - 1
    lines[k] = lines[k].replace("def ", "async def ", 1)
    return "\n".join(lines)


MUTATIONS = [
    (m_wrap, 6),
    (m_deep, 1),
    (m_deep_expr, 0.5),
    (m_move_to_end, 4),
    (m_duplicate_function, 2),
    (m_comment_in_call, 4),
    (m_suppress, 4),
    (m_rename, 4),
    (m_inject, 6),
    (m_retab, 4),
    (m_semicolons, 2),
    (m_unicode, 2),
    (m_blank_and_trailing, 2),
    (m_class_wrap, 2),
]
MUTATION_NAMES = [m.__name__[2:] for m, _ in MUTATIONS]


def finish(text, rng, applied):
    """Byte-level mutations: line endings, BOM, coding cookie."""
    r = rng.random()
    if r < 0.12:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        applied.append("crlf")
    elif r < 0.2:
        text = text.replace("\r\n", "\n").replace("\n", "\r")
        applied.append("cr")
    elif r < 0.25:
        lines = text.split("\n")
        text = "".join(ln + rng.choice(["\n", "\r\n", "\r"]) for ln in lines[:-1]) + lines[-1]
        applied.append("mixed-eol")
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    if rng.random() < 0.12:
        cookie = rng.choice(["# -*- coding: utf-8 -*-", "# coding=utf-8", "# vim: set fileencoding=utf-8 :", "# -*- coding: latin-1 -*-"])
        eol = "\r\n" if "\r\n" in text else ("\r" if "\r" in text and "\n" not in text else "\n")
        if text.startswith("#!"):
            k = text.find(eol)
            text = text[: k + len(eol)] + cookie + eol + text[k + len(eol) :] if k >= 0 else text
        else:
            text = cookie + eol + text
        applied.append("cookie")
    if bom or rng.random() < 0.1:
        text = "\ufeff" + text
        applied.append("bom")
    latin = re.match(r"(\ufeff)?(#![^\n\r]*[\r\n]+)?#[^\n\r]*coding[:=]\s*latin-1", text)
    if latin and not text.startswith("\ufeff"):
        try:
            return text.encode("latin-1")
        except UnicodeEncodeError:
            pass
    return text.encode("utf-8")


class Seeds:
    def __init__(self, case_dirs, corpus_dirs):
        self.cases = []
        for d in case_dirs:
            self.cases += self._collect(d)
        self.corpus_hot, self.corpus_cold = [], []
        for d in corpus_dirs:
            for p in self._collect(d):
                try:
                    with open(p, "rb") as f:
                        data = f.read(MAX_SEED_BYTES + 1)
                except OSError:
                    continue
                if len(data) > MAX_SEED_BYTES:
                    continue
                if re.search(rb"tmp|temp|mkdir|chmod", data, re.I):
                    self.corpus_hot.append(p)
                else:
                    self.corpus_cold.append(p)
        self.cases.sort()
        self.corpus_hot.sort()
        self.corpus_cold.sort()
        self._cache = {}

    @staticmethod
    def _collect(d):
        out = []
        for root, dirs, files in os.walk(d):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(".py"):
                    out.append(os.path.join(root, name))
        return out

    def pick(self, rng):
        r = rng.random()
        if self.corpus_hot and r < 0.45:
            pool = self.corpus_hot
        elif self.corpus_cold and r < 0.55:
            pool = self.corpus_cold
        else:
            pool = self.cases
        return rng.choice(pool)

    def text(self, path):
        if path not in self._cache:
            try:
                with open(path, "rb") as f:
                    data = f.read()
                text = data.decode("utf-8")
                if not parses(data):
                    text = None
            except (OSError, UnicodeDecodeError):
                text = None
            if text is not None:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            if len(self._cache) > 3000:
                self._cache.clear()
            self._cache[path] = text
        return self._cache[path]


def make_mutant(seeds, seed, index):
    """The index-th mutant of a run: deterministic in (seed, index)."""
    rng = random.Random(f"{seed}:{index}")
    for _attempt in range(20):
        path = seeds.pick(rng)
        text = seeds.text(path)
        if text:
            break
    else:
        return None
    applied = []
    weights = [w for _, w in MUTATIONS]
    for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
        k = rng.choices(range(len(MUTATIONS)), weights)[0]
        fn = MUTATIONS[k][0]
        try:
            new = fn(text, rng)
        except (ValueError, IndexError, RecursionError, AttributeError, TypeError):
            new = None
        if new is not None and new != text and parse_text(new) is not None:
            text = new
            applied.append(MUTATION_NAMES[k])
    data = finish(text, rng, applied)
    if not parses(data):
        data = text.encode("utf-8")
        applied = [a for a in applied if a in MUTATION_NAMES]
        if not parses(data):
            return None
    return {"index": index, "seed": os.path.relpath(path, REPO) if path.startswith(REPO) else path, "mutations": applied, "data": data}


# --------------------------------------------------------------------------
# Running tempsafe on a batch


class Runner:
    def __init__(self, binary, timeout):
        self.binary = binary
        self.timeout = timeout

    def run(self, args, cwd):
        cmd = [self.binary] + args
        try:
            p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            return None, b"", b"timeout after %ds" % self.timeout
        return p.returncode, p.stdout, p.stderr


def crash_reason(rc, stderr):
    err = stderr.decode("utf-8", "replace")
    if rc is None:
        return "hang: " + err
    if rc < 0 or rc > 2:
        m = re.search(r"fatal runtime error: [^\n]*|thread '[^']*' panicked at [^\n]*", err)
        return f"exit {rc}: " + (m.group(0) if m else err.strip()[-200:])
    m = re.search(r"panicked at [^\n]*(\n[^\n]*)?|fatal runtime error: [^\n]*|internal error[^\n]*", err)
    if m:
        return m.group(0).replace("\n", " ")
    return None


def write_files(d, mutants):
    os.makedirs(d, exist_ok=True)
    for name, data in mutants.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)


def read_files(d, names):
    out = {}
    for n in names:
        with open(os.path.join(d, n), "rb") as f:
            out[n] = f.read()
    return out


def findings_json(stdout):
    """{file: {"codes": {code: n}, "error": reason or None}} from a JSON report."""
    report = json.loads(stdout.decode("utf-8"))
    out = {}
    for f in report["files"]:
        codes, kinds, never_removed = {}, [], 0
        for x in f.get("findings", []):
            codes[x["code"]] = codes.get(x["code"], 0) + 1
            if x["code"] == "TMP003" and x.get("fix_status") != "fixed":
                never_removed += 1
            # What the finding says, without the names it quotes.
            msg = re.sub(r"`[^`]*`", "`X`", x.get("message") or "")
            note = re.sub(r"`[^`]*`", "`X`", x.get("note") or "")
            kinds.append(f"{x['code']} {x.get('fix_status')} {msg}; {note}".strip("; "))
        out[os.path.basename(f["path"])] = {
            "codes": codes,
            "kinds": kinds,
            "never_removed": never_removed,
            "error": f.get("reason") if f["status"] == "error" else None,
        }
    return out


def split_patch(patch):
    """{file name: that file's part of a unified diff}."""
    parts, cur, name = {}, [], None
    lines = patch.split(b"\n")
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.startswith(b"--- ") and i + 1 < len(lines) and lines[i + 1].startswith(b"+++ "):
            if name is not None:
                parts[name] = b"\n".join(cur) + b"\n"
            target = lines[i + 1][4:].split(b"\t")[0]
            name = os.path.basename(target.decode("utf-8", "replace"))
            cur = []
        if name is not None:
            cur.append(ln)
        i += 1
    if name is not None:
        parts[name] = b"\n".join(cur).rstrip(b"\n") + b"\n"
    return parts


def sig_of(check, reason):
    """A failure's signature, for telling distinct defects apart."""
    r = re.sub(r"m\d+\.py|\bm\.py", "FILE", reason)
    r = re.sub(r"\(TMP\d+ \d+->\d+(, TMP\d+ \d+->\d+)*\)", "", r)
    r = re.sub(r"\b\d+\b", "N", r)
    r = re.sub(r"`[^`]*`", "`X`", r)
    r = re.sub(r"'[^']*'", "'X'", r) if check != "crash" else r
    return check + ": " + r[:260]


class Batch:
    """Runs every check on a set of mutants; returns {name: [(check, reason)]}
    and an overall crash reason if a tempsafe run died (then bisect)."""

    def __init__(self, runner, confirm=True):
        self.runner = runner
        # A patch part that git refuses can hide the next file's header:
        # a mismatch in a batch is confirmed on the file alone.
        self.confirm = confirm
        self.alone = None if not confirm else Batch(runner, confirm=False)

    def run(self, mutants):
        fails = {n: [] for n in mutants}
        top = tempfile.mkdtemp(prefix="tempsafe-fuzz-")
        try:
            return self._run(top, mutants, fails)
        finally:
            shutil.rmtree(top, ignore_errors=True)

    def _run(self, top, mutants, fails):
        names = sorted(mutants)
        j = ["--threads", "1", "--no-ignore"]
        orig = os.path.join(top, "orig")
        write_files(orig, mutants)
        rc, out, err = self.runner.run(["check", "--output-format", "json"] + j + ["."], orig)
        crash = crash_reason(rc, err)
        if crash:
            return fails, "check: " + crash
        before = findings_json(out)
        for n, info in before.items():
            if info["error"]:
                kind = "crash" if "internal error" in info["error"] else "rejects-valid"
                fails[n].append((kind, "check: " + info["error"]))
        for label, extra in (("safe", []), ("unsafe", ["--unsafe-fixes"])):
            a = os.path.join(top, label + "-fix")
            b = os.path.join(top, label + "-apply")
            shutil.copytree(orig, a)
            shutil.copytree(orig, b)
            rc, patch, err = self.runner.run(["fix", "--dry-run"] + extra + j + ["."], orig)
            crash = crash_reason(rc, err)
            if crash:
                return fails, f"fix --dry-run {' '.join(extra)}: " + crash
            rc, out, err = self.runner.run(["fix", "--output-format", "json"] + extra + j + ["."], a)
            crash = crash_reason(rc, err)
            if crash:
                return fails, f"fix {' '.join(extra)}: " + crash
            for n, info in findings_json(out).items():
                if info["error"] and ("internal error" in info["error"] or "invalid syntax" in info["error"]):
                    kind = "guard" if "invalid syntax" in info["error"] else "crash"
                    fails[n].append((kind, f"fix {label}: " + info["error"]))
            fixed = read_files(a, names)
            # The dry-run patch, applied file by file with git apply.
            parts = split_patch(patch)
            for n, part in parts.items():
                if n not in mutants:
                    continue
                p = subprocess.run(
                    ["git", "apply", "-p1", "--whitespace=nowarn", "--unidiff-zero", "-"],
                    cwd=b, input=part, capture_output=True,
                )
                if p.returncode != 0:
                    fails[n].append(("dry-run", f"{label}: git apply refused the patch: " + p.stderr.decode("utf-8", "replace").strip()[:200]))
            applied = read_files(b, names)
            for n in names:
                if applied[n] != fixed[n] and not any(c == "dry-run" for c, _ in fails[n]):
                    if self.alone is not None and len(names) > 1:
                        alone, _ = self.alone.run({n: mutants[n]})
                        if not any(c == "dry-run" and r.startswith(label + ":") for c, r in alone[n]):
                            continue
                    fails[n].append(("dry-run", f"{label}: the patch applied differs from what fix wrote"))
            changed = [n for n in names if fixed[n] != mutants[n]]
            for n in changed:
                # ast.parse accepts some inputs compile() refuses (a late
                # `from __future__`, a duplicate argument): judge only
                # outputs of inputs that compile.
                e = compile_error(fixed[n]) if compile_error(mutants[n]) is None else None
                if e:
                    fails[n].append(("compile", f"fix {label}: output rejected by compile(): {e}"))
                was, now = comments_of(mutants[n]), comments_of(fixed[n])
                if was is not None and now is not None:
                    gone = lost(was, now)
                    if gone:
                        fails[n].append(("comments", f"fix {label}: comments dropped: {gone[0]!r}" + (f" and {len(gone) - 1} more" if len(gone) > 1 else "")))
                gone = lost(suppressed_lines(mutants[n]), [ln.strip() for ln in (as_text(fixed[n]) or "").split("\n")])
                if gone:
                    fails[n].append(("suppression", f"fix {label}: a suppressed line was rewritten: {gone[0]!r}"))
            if not changed:
                continue
            # A second run changes nothing.
            rc, again, err = self.runner.run(["fix", "--dry-run"] + extra + j + changed, a)
            crash = crash_reason(rc, err)
            if crash:
                return fails, f"second fix --dry-run {' '.join(extra)}: " + crash
            for n in split_patch(again):
                if n in fails:
                    fails[n].append(("second-run", f"fix {label}: a second run changes the file again"))
            # No fix creates a finding.
            rc, out, err = self.runner.run(["check", "--output-format", "json"] + j + changed, a)
            crash = crash_reason(rc, err)
            if crash:
                return fails, f"check after fix {' '.join(extra)}: " + crash
            after = findings_json(out)
            for n in changed:
                was = before.get(n, {"codes": {}})["codes"]
                now = dict(after.get(n, {"codes": {}})["codes"])
                # Carried over, not created (as tests/common's harness rule):
                # a mktemp() name the program did not remove (or removed
                # only on success) becomes an object it still treats so; one
                # unfixed TMP003 per TMP001 finding of the input is excused.
                carried = min(was.get("TMP001", 0), after.get(n, {}).get("never_removed", 0))
                if carried and "TMP003" in now:
                    now["TMP003"] = max(was.get("TMP003", 0), now["TMP003"] - carried)
                grew = {c: (was.get(c, 0), k) for c, k in now.items() if k > was.get(c, 0)}
                if grew:
                    desc = ", ".join(f"{c} {w}->{k}" for c, (w, k) in sorted(grew.items()))
                    old = list(before.get(n, {"kinds": []})["kinds"])
                    new = []
                    for kind in after.get(n, {"kinds": []})["kinds"]:
                        if kind in old:
                            old.remove(kind)
                        elif kind not in new:
                            new.append(kind)
                    # One failure per new kind of finding: distinct causes count apart.
                    for kind in sorted(new) or ["?"]:
                        fails[n].append(("new-finding", f"fix {label}: the fixed file has more findings ({desc}): {kind}"))
        # Patches of files with a lone \r line ending are one defect:
        # tag them so they count as one, apart from the others.
        for n, got in fails.items():
            if re.search(rb"\r(?!\n)", mutants[n]):
                fails[n] = [(c, r + " [lone CR]") if c == "dry-run" else (c, r) for c, r in got]
        return fails, None


def run_with_bisect(batch, mutants):
    """{name: [(check, reason)]} for every mutant, bisecting dead runs."""
    fails, crash = batch.run(mutants)
    if not crash:
        return fails
    if len(mutants) == 1:
        (n,) = mutants
        return {n: [("crash", crash)]}
    names = sorted(mutants)
    half = len(names) // 2
    out = {}
    for part in (names[:half], names[half:]):
        out.update(run_with_bisect(batch, {n: mutants[n] for n in part}))
    return out


# --------------------------------------------------------------------------
# Minimizing a failure


def still_fails(batch, data, check, sig):
    if not parses(data):
        return False
    got = run_with_bisect(batch, {"m.py": data})["m.py"]
    return any(c == check and sig_of(c, r) == sig for c, r in got)


def minimize(batch, data, check, sig, budget):
    """Remove statements, then lines, while the same failure remains."""
    deadline = time.monotonic() + budget
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    eol = "\r\n" if "\r\n" in text else ("\r" if "\r" in text and "\n" not in text else "\n")
    lines = text.split(eol)

    def encode(ls):
        return eol.join(ls).encode("utf-8")

    # Chunks of decreasing size, ddmin-style, over lines.
    chunk = max(1, len(lines) // 2)
    while chunk >= 1 and time.monotonic() < deadline:
        i = 0
        removed = False
        while i < len(lines) and time.monotonic() < deadline:
            cand = lines[:i] + lines[i + chunk :]
            if bom and i == 0 and cand and not cand[0].startswith("\ufeff"):
                cand = ["\ufeff" + cand[0]] + cand[1:]
            data2 = encode(cand)
            if cand and still_fails(batch, data2, check, sig):
                lines = cand
                removed = True
            else:
                i += chunk
        if not removed:
            chunk //= 2
    return encode(lines)


# --------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="*", help="directories of real Python files to use as seeds too")
    ap.add_argument("--bin", default=os.environ.get("TEMPSAFE_BIN", os.path.join(REPO, "target", "release", "tempsafe")))
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock)")
    ap.add_argument("--count", type=int, default=None, help="number of mutants")
    ap.add_argument("--seconds", type=float, default=None, help="stop after this long")
    ap.add_argument("--jobs", type=int, default=1, help="batches run at once")
    ap.add_argument("--batch", type=int, default=40, help="mutants per tempsafe invocation")
    ap.add_argument("--out", default="fuzz-out", help="where failures are saved")
    ap.add_argument("--minimize-seconds", type=float, default=30, help="time spent minimizing each new kind of failure")
    ap.add_argument("--keep", type=int, default=3, help="mutants saved per distinct failure")
    ap.add_argument("--timeout", type=int, default=60, help="seconds before a tempsafe run counts as hung")
    ap.add_argument("--no-cases", action="store_true", help="leave out transforms/ and tests/programs/")
    args = ap.parse_args()
    if not os.path.exists(args.bin):
        sys.exit(f"fuzz: no tempsafe binary at {args.bin} (build it, or pass --bin)")
    if args.count is None and args.seconds is None:
        args.count = 500
    seed = args.seed if args.seed is not None else int(time.time())
    case_dirs = [] if args.no_cases else [os.path.join(REPO, "transforms"), os.path.join(REPO, "tests", "programs")]
    seeds = Seeds(case_dirs, args.corpus)
    if not seeds.cases and not seeds.corpus_hot and not seeds.corpus_cold:
        sys.exit("fuzz: no seed files")
    print(
        f"fuzz: seed {seed}; {len(seeds.cases)} cases, {len(seeds.corpus_hot) + len(seeds.corpus_cold)} corpus files; binary {args.bin}",
        flush=True,
    )
    runner = Runner(os.path.abspath(args.bin), args.timeout)
    batch = Batch(runner)
    start = time.monotonic()
    lock = threading.Lock()
    state = {"next": 0, "tried": 0, "failed": 0}
    per_check = {c: 0 for c in CHECKS}
    per_sig = {}
    saved = {}
    os.makedirs(args.out, exist_ok=True)

    def more():
        if args.count is not None and state["next"] >= args.count:
            return False
        if args.seconds is not None and time.monotonic() - start >= args.seconds:
            return False
        return True

    def next_batch():
        with lock:
            mutants, infos = {}, {}
            while len(mutants) < args.batch and more():
                i = state["next"]
                state["next"] += 1
                m = make_mutant(seeds, seed, i)
                if m is None:
                    continue
                name = f"m{i:07d}.py"
                mutants[name] = m["data"]
                infos[name] = m
            return mutants, infos

    def record(name, info, failures):
        for check, reason in failures:
            sig = sig_of(check, reason)
            with lock:
                per_check[check] += 1
                first = sig not in per_sig
                per_sig[sig] = per_sig.get(sig, 0) + 1
                k = saved.get(sig, 0)
                if k >= args.keep:
                    continue
                saved[sig] = k + 1
            data = info["data"]
            small = minimize(batch, data, check, sig, args.minimize_seconds if k == 0 else 0) if k == 0 else data
            h = hashlib.sha1(sig.encode()).hexdigest()[:8]
            d = os.path.join(args.out, check)
            os.makedirs(d, exist_ok=True)
            base = os.path.join(d, f"{h}-{k}")
            with open(base + ".py", "wb") as f:
                f.write(small)
            with open(base + ".txt", "w") as f:
                f.write(f"check: {check}\nreason: {reason}\nsignature: {sig}\n")
                f.write(f"seed file: {info['seed']}\nmutations: {' '.join(info['mutations'])}\n")
                f.write(f"reproduce: python3 scripts/fuzz.py --seed {seed} (mutant {info['index']})\n")
                f.write(f"original mutant: {os.path.basename(base)}.orig.py; minimized: {os.path.basename(base)}.py\n")
            with open(base + ".orig.py", "wb") as f:
                f.write(data)
            if first:
                print(f"fuzz: new failure [{check}] {reason[:200]} -> {base}.py", flush=True)

    def worker():
        while True:
            mutants, infos = next_batch()
            if not mutants:
                return
            result = run_with_bisect(batch, mutants)
            with lock:
                state["tried"] += len(mutants)
                state["failed"] += sum(1 for n in mutants if result.get(n))
            for n, failures in sorted(result.items()):
                if failures:
                    record(n, infos[n], failures)

    last = [time.monotonic()]

    def progress():
        while not done.wait(30):
            with lock:
                print(f"fuzz: {state['tried']} mutants, {state['failed']} failing, {len(per_sig)} distinct, {time.monotonic() - start:.0f}s", flush=True)

    done = threading.Event()
    t = threading.Thread(target=progress, daemon=True)
    t.start()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for f in [pool.submit(worker) for _ in range(args.jobs)]:
            f.result()
    done.set()
    elapsed = time.monotonic() - start
    summary = {
        "seed": seed,
        "mutants": state["tried"],
        "failing_mutants": state["failed"],
        "seconds": round(elapsed, 1),
        "failures_per_check": per_check,
        "distinct": dict(sorted(per_sig.items(), key=lambda kv: -kv[1])),
    }
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print(f"\nfuzz summary: seed {seed}, {state['tried']} mutants in {elapsed:.0f}s, {state['failed']} failing")
    for c in CHECKS:
        print(f"  {c:<14} {per_check[c]}")
    if per_sig:
        print("distinct failures (count, signature):")
        for s, n in sorted(per_sig.items(), key=lambda kv: -kv[1]):
            print(f"  {n:>6}  {s}")
        print(f"saved under {args.out}/")
    sys.exit(1 if state["failed"] else 0)


if __name__ == "__main__":
    main()
