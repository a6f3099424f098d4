#!/usr/bin/env bash
# Builds the wheel once with maturin from PyPI (dev profile: it reuses what
# `cargo test` compiled), installs it into a fresh virtualenv and runs the
# installed `tempsafe` on a bundled example. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/build"
"$work/build/bin/pip" install -q maturin
"$work/build/bin/maturin" build -q --profile dev -o "$work/wheels"
python3 -m venv "$work/fresh"
"$work/fresh/bin/pip" install -q "$work"/wheels/tempsafe-*.whl
installed="$work/fresh/bin/tempsafe"
"$installed" --version
example=tests/programs/mktemp
set +e
"$installed" check --output-format concise "$example" > "$work/out.txt"
status=$?
set -e
if [ "$status" -ne 1 ] || ! grep -q "TMP001" "$work/out.txt"; then
  echo "wheel check: expected TMP001 findings and exit 1 from the installed tempsafe, got $status" >&2
  cat "$work/out.txt" >&2
  exit 1
fi
echo "wheel check: installed tempsafe found $(wc -l < "$work/out.txt") findings in $example"
