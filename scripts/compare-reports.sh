#!/usr/bin/env bash
# Do two tempsafe binaries report and fix the same? For a refactoring that
# must change no behaviour (issue 9, steps 1-5).
#
#   scripts/compare-reports.sh OLD_BIN NEW_BIN [CORPUS_DIR]   (default: .corpus)
#
# On corpus A and the perf corpus (fetched into CORPUS_DIR by
# ../shared/corpus/get_corpus.sh when absent), with safe fixes and again
# with --unsafe-fixes, both binaries run
#   fix --dry-run --output-format json    per finding: file, code, line,
#                                         column, fix status, reason; per
#                                         skipped or failed file: its reason
#   fix --diff                            the patch, compared byte for byte
# and the exit codes. The reason is the finding's sentence (`note`) when
# the report has one, else its id (`no_fix_reason` / `unsafe_reason`): a
# binary with typed reasons keeps the sentence beside the id, so an old and
# a new report compare on the words. `fix --dry-run` is compared, not
# `check`, whose fix status may name the run differently (`fixed` →
# `safe-fix-available`).
#
# One line per corpus and mode: "identical: N findings, M patched files",
# or the first differences. Exit 1 on any difference, 2 on a usage error.
set -euo pipefail
usage() { echo "usage: $0 OLD_BIN NEW_BIN [CORPUS_DIR]" >&2; exit 2; }
[ $# -ge 2 ] || usage
OLD=$(realpath "$1") NEW=$(realpath "$2")
for bin in "$OLD" "$NEW"; do [ -x "$bin" ] || { echo "error: $bin is not an executable" >&2; exit 2; }; done
cd "$(dirname "$0")/.."
CORPUS=${3:-.corpus}
SHARED=${SHARED:-../shared}
{ [ -d "$CORPUS/A" ] && [ -d "$CORPUS/perf" ]; } || bash "$SHARED/corpus/get_corpus.sh" "$CORPUS" A perf >/dev/null
CORPUS=$(cd "$CORPUS" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# run BIN NAME ARGS...: stdout to $WORK/NAME, the exit code to $WORK/NAME.code.
# Paths are reported relative to the corpus folder, the same for both.
run() {
  local bin=$1 name=$2; shift 2
  local code=0
  (cd "$CORPUS" && "$bin" "$@" >"$WORK/$name" 2>"$WORK/$name.err") || code=$?
  echo "$code" >"$WORK/$name.code"
  if [ "$code" -ge 2 ]; then
    echo "note: $bin $* exited $code: $(tail -n 1 "$WORK/$name.err")" >&2
  fi
}

status=0
for c in A perf; do
  for mode in safe unsafe; do
    flags=(--no-ignore)
    [ $mode = unsafe ] && flags+=(--unsafe-fixes)
    for side in old new; do
      bin=$OLD; [ $side = new ] && bin=$NEW
      run "$bin" "$side.json" fix --dry-run --output-format json "${flags[@]}" "$c"
      run "$bin" "$side.patch" fix --diff "${flags[@]}" "$c"
    done
    python3 - "$WORK" "$c $mode" <<'PY' || status=1
import difflib, json, sys

work, label = sys.argv[1], sys.argv[2]

def read(name):
    with open(f"{work}/{name}", "rb") as fh:
        return fh.read()

def reason(finding):
    # The words when the report has them (every binary so far), else the id.
    if finding.get("note") is not None:
        return finding["note"]
    return finding.get("no_fix_reason") or finding.get("unsafe_reason")

def findings(side):
    report = json.loads(read(f"{side}.json"))
    rows, patched = [], 0
    for f in report["files"]:
        if f.get("edits"):
            patched += 1
        if f["status"] in ("skipped", "error"):
            rows.append(f"{f['path']}: {f['status']}: {f.get('reason')}")
        for d in f["findings"]:
            rows.append(
                f"{f['path']}:{d['line']}:{d['column']}: {d['code']} {d['fix_status']}: {reason(d)}"
            )
    return rows, patched

def first_differences(old, new, limit=8):
    lines = [
        l for l in difflib.unified_diff(old, new, "old", "new", n=0, lineterm="")
        if not l.startswith(("---", "+++", "@@"))
    ]
    more = f"\n    … {len(lines) - limit} more" if len(lines) > limit else ""
    return "\n".join("    " + l for l in lines[:limit]) + more

problems = []
old_rows, old_patched = findings("old")
new_rows, new_patched = findings("new")
if old_rows != new_rows:
    problems.append("findings differ:\n" + first_differences(old_rows, new_rows))
for kind in ("json", "patch"):
    old_code, new_code = read(f"old.{kind}.code").strip(), read(f"new.{kind}.code").strip()
    if old_code != new_code:
        problems.append(f"exit codes of the {kind} run differ: {old_code.decode()} → {new_code.decode()}")
old_patch, new_patch = read("old.patch"), read("new.patch")
if old_patch != new_patch:
    # Patches carry each file's own bytes (legacy encodings): compare as latin-1.
    old_lines = old_patch.decode("latin-1").splitlines()
    new_lines = new_patch.decode("latin-1").splitlines()
    problems.append("patches differ:\n" + first_differences(old_lines, new_lines))
if problems:
    print(f"{label}: DIFFERENT: " + "\n  ".join(problems))
    sys.exit(1)
print(f"{label}: identical: {len(new_rows)} findings, {new_patched} patched files ({len(new_patch)} patch bytes)")
PY
  done
done
exit $status
