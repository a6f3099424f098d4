#!/usr/bin/env bash
# The real-corpus invariants, on copies of ../shared/corpus packages:
#   - no panic and no internal error,
#   - every file that parsed before parses after `fix --unsafe-fixes` (python3 ast),
#   - a second run changes nothing,
#   - files without findings are byte-identical after the run.
#
#   scripts/corpus-check.sh [CORPUS_DIR] [CORPORA...]   (default: .corpus A perf)
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-.corpus}; shift || true
WANT=${*:-A perf}
SHARED=${SHARED:-../shared}
for c in $WANT; do
  [ -d "$CORPUS/$c" ] || bash "$SHARED/corpus/get_corpus.sh" "$CORPUS" $WANT >/dev/null
done
cargo build --release -q
TS=$PWD/target/release/tempsafe
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

for c in $WANT; do
  echo "== corpus $c"
  cp -r "$CORPUS/$c" "$WORK/orig-$c"
  cp -r "$CORPUS/$c" "$WORK/fixed-$c"
  # Files with findings before, as the report lists them.
  "$TS" check --output-format json --no-ignore "$WORK/orig-$c" 2>/dev/null >"$WORK/report-$c.json" || true
  set +e
  "$TS" fix --unsafe-fixes --statistics --no-ignore "$WORK/fixed-$c" >"$WORK/fix-$c.out" 2>"$WORK/fix-$c.err"
  code=$?
  set -e
  echo "exit code: $code"
  grep -E "^ +[0-9]+ +TMP" "$WORK/fix-$c.err" || true
  tail -n 1 "$WORK/fix-$c.err"
  if grep -q "internal error" "$WORK/fix-$c.err"; then
    echo "FAIL: internal error"; grep "internal error" "$WORK/fix-$c.err"; exit 1
  fi
  if grep -q "produced invalid syntax" "$WORK/fix-$c.err"; then
    echo "FAIL: a fix broke a file"; grep -A1 "produced invalid syntax" "$WORK/fix-$c.err"; exit 1
  fi
  # A second run changes nothing.
  "$TS" fix --dry-run --unsafe-fixes --no-ignore "$WORK/fixed-$c" >"$WORK/second-$c.diff" 2>/dev/null || true
  if [ -s "$WORK/second-$c.diff" ]; then
    echo "FAIL: a second run still changes files:"; head -40 "$WORK/second-$c.diff"; exit 1
  fi
  python3 - "$WORK/orig-$c" "$WORK/fixed-$c" "$WORK/report-$c.json" <<'PY'
import ast, json, os, sys
orig, fixed, report = sys.argv[1:4]
with_findings = {os.path.normpath(f["path"]) for f in json.load(open(report))["files"]}
changed = parsed_before = broken = untouched_changed = 0
for dirpath, _, files in os.walk(orig):
    for name in files:
        a = os.path.join(dirpath, name)
        b = os.path.join(fixed, os.path.relpath(a, orig))
        before, after = open(a, "rb").read(), open(b, "rb").read()
        if before == after:
            continue
        changed += 1
        rel_a = os.path.normpath(os.path.relpath(a))
        if not any(rel_a.endswith(os.path.relpath(p, orig)) or p.endswith(os.path.relpath(a, orig)) for p in with_findings):
            untouched_changed += 1
            print("changed without a finding:", os.path.relpath(a, orig))
        if not name.endswith((".py", ".pyw")):
            continue
        try:
            ast.parse(before)
        except SyntaxError:
            continue
        try:
            ast.parse(after)
        except SyntaxError as e:
            broken += 1
            print("BROKEN:", os.path.relpath(b, fixed), e)
print(f"files changed: {changed}; parse failures after fixing: {broken}; changed without a finding: {untouched_changed}")
sys.exit(1 if broken or untouched_changed else 0)
PY
done
echo "corpus check passed"
