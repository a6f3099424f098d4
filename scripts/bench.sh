#!/usr/bin/env bash
# Benchmark: tempsafe against the reference tools on the same files, in one
# run, with ratios. Not a test: timings never gate CI.
#
#   scripts/bench.sh [CORPUS_DIR]        (default: .corpus, fetched if absent)
#
# Needs: hyperfine, ripgrep, ruff (pip install ruff); bandit is timed when
# installed (pip install bandit). Corpora come from ../shared/corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-.corpus}
RUNS=${RUNS:-5}
SHARED=${SHARED:-../shared}

for tool in hyperfine rg; do
  command -v $tool >/dev/null || { echo "installing $tool"; apt-get install -y -qq $tool >/dev/null; }
done
command -v ruff >/dev/null || python3 -m pip install -q ruff
[ -d "$CORPUS/perf" ] && [ -d "$CORPUS/A" ] || bash "$SHARED/corpus/get_corpus.sh" "$CORPUS" perf A >/dev/null
cargo build --release -q
TS=$PWD/target/release/tempsafe
NEEDLES="-e mktemp -e tempnam -e tmpnam"

bench() {  # bench NAME DIR
  local name=$1 dir=$2 json
  json=$(mktemp)
  local cmds=(
    "$TS check $dir"
    "$TS fix --dry-run $dir"
    "rg -c $NEEDLES $dir"
    "ruff check --isolated --no-cache --select S108,S306 --exit-zero $dir"
  )
  echo "== $name: $dir ($(find "$dir" -name '*.py' | wc -l) .py files)"
  hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json "$json" --output=null "${cmds[@]}" >/dev/null 2>&1
  # bandit takes minutes: one run, appended to the same table.
  if [ -z "${NO_BANDIT:-}" ] && command -v bandit >/dev/null; then
    local slow
    slow=$(mktemp)
    hyperfine -N -i --runs 1 --export-json "$slow" --output=null \
      "bandit -q -r -t B108,B306 --exit-zero -f json $dir" >/dev/null 2>&1
    python3 -c "import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); a['results']+=b['results']; json.dump(a,open(sys.argv[1],'w'))" "$json" "$slow"
    rm -f "$slow"
  fi
  python3 - "$json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["results"]
def short(cmd):
    words = cmd.split()
    tool = words[0].rsplit("/", 1)[-1]
    return " ".join([tool] + [w for w in words[1:] if w.startswith("-") or w in ("check", "fix")][:4])
base = rows[0]["mean"]
print(f"{'command':<44} {'mean':>10} {'stddev':>9}  vs tempsafe check")
for r in rows:
    name = short(r["command"].replace(sys.argv[1], ""))
    print(f"{name:<44} {r['mean']*1000:>8.1f}ms {r['stddev']*1000:>7.1f}ms  {r['mean']/base:>6.2f}x")
PY
  rm -f "$json"
}

bench perf "$CORPUS/perf"
bench A "$CORPUS/A"
