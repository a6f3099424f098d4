#!/usr/bin/env bash
# Benchmark: tempsafe against the reference tools on the same files, in one
# run, with ratios. Not a test: timings never gate CI.
#
#   scripts/bench.sh [CORPUS_DIR]        (default: .corpus, fetched if absent)
#
#   RUNS=5          runs per command (hyperfine, warm cache)
#   NO_BANDIT=1     skip Bandit (minutes per corpus)
#   NO_CODEMODDER=1 skip Pixee's codemodder (about a second per file)
#   NO_SCALING=1    skip the size and thread scaling runs
#
# Needs hyperfine, ripgrep, ruff; bandit and codemodder are installed from
# PyPI when missing. Corpora come from ../shared/corpus/get_corpus.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-.corpus}
RUNS=${RUNS:-5}
SHARED=${SHARED:-../shared}

for tool in hyperfine rg; do
  command -v $tool >/dev/null || apt-get install -y -qq "$( [ $tool = rg ] && echo ripgrep || echo $tool )" >/dev/null
done
command -v ruff >/dev/null || python3 -m pip install -q ruff
[ -n "${NO_BANDIT:-}" ] || command -v bandit >/dev/null || python3 -m pip install -q bandit
[ -n "${NO_CODEMODDER:-}" ] || command -v codemodder >/dev/null || python3 -m pip install -q codemodder
{ [ -d "$CORPUS/perf" ] && [ -d "$CORPUS/A" ]; } || bash "$SHARED/corpus/get_corpus.sh" "$CORPUS" perf A >/dev/null
CORPUS=$(cd "$CORPUS" && pwd)
cargo build --release -q
TS=$PWD/target/release/tempsafe
# The prefilter's needles: the I/O floor reads every file and looks for them.
RG_NEEDLES="-F -e mktemp -e tempnam -e tmpnam -e mkdtemp -e mkstemp -e NamedTemporaryFile -e TemporaryDirectory -e tempfile -e /tmp -e /var/tmp -e /dev/shm"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# table JSON...: hyperfine results as a table, ratios against the first row.
table() {
  python3 - "$@" <<'PY'
import json, sys
rows = []
for path in sys.argv[1:]:
    rows += json.load(open(path))["results"]
def short(cmd):
    words = cmd.split()
    tool = words[0].rsplit("/", 1)[-1]
    keep = [w for w in words[1:] if w.startswith("-") and w not in ("-F", "-e", "-q", "-r", "-f") or w in ("check", "fix")]
    return " ".join([tool] + keep[:4])
# Medians: this kind of machine has bursts of noise that skew means.
base = rows[0]["median"]
fix = rows[1]["median"] if len(rows) > 1 else base
print(f"| command | median | stddev | × tempsafe check | × tempsafe fix --dry-run |")
print(f"|---|---|---|---|---|")
for r in rows:
    stddev = f"{r['stddev']*1000:.0f} ms" if r.get("stddev") is not None else "1 run"
    print(f"| `{short(r['command'])}` | {r['median']*1000:.0f} ms | {stddev} | {r['median']/base:.2f} | {r['median']/fix:.2f} |")
def median(tool):
    found = [r["median"] for r in rows if r["command"].split()[0].endswith(tool)]
    return found[0] if found else None
print()
if median("rg"):
    print(f"targets: fix --dry-run / rg = {fix / median('rg'):.2f} (at most 2)", end="")
if median("ruff"):
    print(f"; ruff / fix --dry-run = {median('ruff') / fix:.2f} (at least 5)", end="")
if median("bandit"):
    print(f"; bandit / fix --dry-run = {median('bandit') / fix:.0f}", end="")
print()
PY
}

bench_corpus() {  # bench_corpus NAME DIR
  local name=$1 dir=$2 files
  files=$(find "$dir" -name '*.py' | wc -l)
  echo
  echo "### $name: $files .py files"
  hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json "$TMP/$name.json" --output=null \
    "$TS check $dir" \
    "$TS fix --dry-run $dir" \
    "rg -c $RG_NEEDLES $dir" \
    "ruff check --isolated --no-cache --select S108,S306 --exit-zero $dir" >/dev/null 2>&1
  local extra=()
  if [ -z "${NO_BANDIT:-}" ]; then
    hyperfine -N -i --runs 1 --export-json "$TMP/$name-bandit.json" --output=null \
      "bandit -q -r -t B108,B306 --exit-zero -f json $dir" >/dev/null 2>&1
    extra+=("$TMP/$name-bandit.json")
  fi
  table "$TMP/$name.json" "${extra[@]}"
  /usr/bin/time -f "%M" -o "$TMP/rss" "$TS" fix --dry-run "$dir" >/dev/null 2>&1 || true
  echo
  echo "peak RSS of \`tempsafe fix --dry-run\`: $(( $(tail -n 1 "$TMP/rss") / 1024 )) MB"
}

echo "## tempsafe benchmark ($(nproc) cores, $(date -u +%Y-%m-%d))"
bench_corpus perf "$CORPUS/perf"
bench_corpus A "$CORPUS/A"

if [ -z "${NO_CODEMODDER:-}" ]; then
  # codemodder takes about a second per file: a subset, compared per file.
  sub=$TMP/subset
  mkdir -p "$sub"
  cp -r "$CORPUS/A/zdaemon-5.2.1" "$CORPUS/A/gitdb-4.0.12" "$sub/"
  n=$(find "$sub" -name '*.py' | wc -l)
  echo
  echo "### codemodder (pixee:python/secure-tempfile) on a subset: $n .py files (zdaemon, gitdb)"
  hyperfine -N -i --runs 1 --export-json "$TMP/cm.json" --output=null \
    "codemodder $sub --codemod-include=pixee:python/secure-tempfile --dry-run" >/dev/null 2>&1
  hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json "$TMP/ts-sub.json" --output=null \
    "$TS fix --dry-run $sub" >/dev/null 2>&1
  python3 - "$TMP/cm.json" "$TMP/ts-sub.json" "$TMP/perf.json" "$n" "$(find "$CORPUS/perf" -name '*.py' | wc -l)" <<'PY'
import json, sys
cm = json.load(open(sys.argv[1]))["results"][0]["median"]
ts = json.load(open(sys.argv[2]))["results"][0]["median"]
perf = [r for r in json.load(open(sys.argv[3]))["results"] if " fix " in r["command"]][0]["median"]
n, n_perf = int(sys.argv[4]), int(sys.argv[5])
print(f"| tool | per file | |")
print(f"|---|---|---|")
print(f"| codemodder, subset | {cm / n * 1000:.1f} ms | |")
print(f"| tempsafe fix --dry-run, subset | {ts / n * 1000:.3f} ms | {cm / ts:.0f}× faster |")
print(f"| tempsafe fix --dry-run, perf corpus | {perf / n_perf * 1000:.3f} ms | {(cm / n) / (perf / n_perf):.0f}× faster per file |")
PY
fi

if [ -z "${NO_SCALING:-}" ]; then
  echo
  echo "### scaling: corpus size (hard-linked copies of perf) and threads"
  for k in 2 4; do
    mkdir -p "$TMP/x$k"
    for i in $(seq 1 $k); do cp -rl "$CORPUS/perf" "$TMP/x$k/copy$i"; done
  done
  mkdir -p "$TMP/x16"
  for i in 1 2 3 4; do cp -rl "$TMP/x4" "$TMP/x16/copy$i"; done
  hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json "$TMP/scale.json" --output=null \
    "$TS fix --dry-run -j 1 $CORPUS/perf" \
    "$TS fix --dry-run -j 2 $CORPUS/perf" \
    "$TS fix --dry-run -j 2 $TMP/x2" \
    "$TS fix --dry-run -j 2 $TMP/x4" \
    "$TS fix --dry-run -j 1 $TMP/x4" >/dev/null 2>&1
  python3 - "$TMP/scale.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["results"]
labels = ["1× perf, 1 thread", "1× perf, 2 threads", "2× perf, 2 threads", "4× perf, 2 threads", "4× perf, 1 thread"]
base = rows[1]["median"]
print("| run | median | × (1× perf, 2 threads) |")
print("|---|---|---|")
for label, r in zip(labels, rows):
    print(f"| {label} | {r['median']*1000:.0f} ms | {r['median']/base:.2f} |")
print()
print(f"thread speed-up (1× perf): {rows[0]['median']/rows[1]['median']:.2f}; (4× perf): {rows[4]['median']/rows[3]['median']:.2f}")
PY
  for k in 1 4 16; do
    d=$CORPUS/perf; [ $k != 1 ] && d=$TMP/x$k
    /usr/bin/time -f "%M" -o "$TMP/rss" "$TS" fix --dry-run "$d" >/dev/null 2>&1 || true
    echo "peak RSS, ${k}× perf: $(( $(tail -n 1 "$TMP/rss") / 1024 )) MB"
  done
fi
