#!/usr/bin/env bash
# "Apply the codemod, run the package's own tests, nothing breaks": pyftpdlib
# and waitress (../shared/corpus/testsuites.sh) before and after
# `tempsafe fix` (safe fixes), and after `tempsafe fix --unsafe-fixes`.
#
#   scripts/testsuites-check.sh [CORPUS_DIR] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-.corpus}
WORK=${2:-.testsuites}
SHARED=${SHARED:-../shared}
SUITES=$SHARED/corpus/testsuites.sh
[ -f "$CORPUS/sdists/pyftpdlib-2.2.0.tar.gz" ] || bash "$SHARED/corpus/get_corpus.sh" "$CORPUS" A >/dev/null
cargo build --release -q
TS=$PWD/target/release/tempsafe
SDISTS=$(cd "$CORPUS/sdists" && pwd)

for mode in safe unsafe; do
  dir=$WORK/$mode
  bash "$SUITES" "$SDISTS" "$dir" setup >/dev/null
  if [ ! -f "$dir/.fixed" ]; then
    flags=(fix --statistics)
    [ "$mode" = unsafe ] && flags+=(--unsafe-fixes)
    for tree in "$dir"/tree/*/; do
      echo "== tempsafe ${flags[*]} $(basename "$tree")"
      "$TS" "${flags[@]}" "$tree" >/dev/null 2>"$dir/fix-$(basename "$tree").log" || true
      grep -E "^ +[0-9]+ +TMP|Fixed" "$dir/fix-$(basename "$tree").log" || true
    done
    touch "$dir/.fixed"
  fi
  echo "== test suites after $mode fixes"
  bash "$SUITES" "$SDISTS" "$dir" test
done
