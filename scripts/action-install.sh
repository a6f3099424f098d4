#!/usr/bin/env bash
# The action's install step: tempsafe from PyPI at TEMPSAFE_VERSION, or the
# wheel built from the action's own checkout (TEMPSAFE_ACTION_PATH).
set -euo pipefail
if [ -n "${TEMPSAFE_VERSION:-}" ]; then
  python3 -m pip install "tempsafe==${TEMPSAFE_VERSION}"
else
  python3 -m pip install "${TEMPSAFE_ACTION_PATH:?}"
fi
tempsafe --version
