#!/usr/bin/env bash
# The action's check step. `github`: annotations, and the step fails when
# findings remain. `sarif`: the log is written and the step passes, so that
# upload-sarif runs after it; code scanning then decides what fails.
set -euo pipefail
read -r -a src <<< "${TEMPSAFE_SRC:-.}"
read -r -a args <<< "${TEMPSAFE_ARGS:-}"
case "${TEMPSAFE_OUTPUT_FORMAT:-github}" in
  github)
    tempsafe check --output-format github "${args[@]}" "${src[@]}"
    ;;
  sarif)
    sarif="${TEMPSAFE_SARIF_FILE:-tempsafe.sarif}"
    tempsafe check --output-format sarif --exit-zero -o "$sarif" "${args[@]}" "${src[@]}"
    if [ -n "${GITHUB_OUTPUT:-}" ]; then
      echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"
    fi
    ;;
  *)
    echo "error: output-format must be github or sarif, not ${TEMPSAFE_OUTPUT_FORMAT}" >&2
    exit 2
    ;;
esac
