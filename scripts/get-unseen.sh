#!/usr/bin/env bash
# The packages of corpus/labels-unseen.tsv: the sdists tempsafe had never
# been tuned on when they were read (2026-12-03), from PyPI, unpacked in DIR.
#
#   scripts/get-unseen.sh DIR
#
# Then, from DIR: tempsafe check --unsafe-fixes --output-format json $(ls) > u.json
# and scripts/score-labels.py u.json corpus/labels-unseen.tsv --root DIR.
set -euo pipefail
DIR=${1:?usage: scripts/get-unseen.sh DIR}
mkdir -p "$DIR/sdists"
for spec in celery==5.7.0 docutils==0.23.1 fsspec==2026.9.0 gitpython==3.2.1 invoke==3.0.3 \
            luigi==3.8.1 paramiko==5.1.0 pyramid==2.1 scrapy==2.19.0 sphinx==9.2.0 \
            supervisor==4.3.0 virtualenv==21.15.13; do
  name=${spec%%==*} version=${spec##*==}
  [ -d "$DIR/$name-$version" ] && continue
  # The project's JSON (the registry mirror serves no per-version page);
  # its file URLs may be relative to it.
  url=$(curl -fsSL "https://pypi.org/pypi/$name/json" | python3 -c '
import json, sys, urllib.parse
files = json.load(sys.stdin)["releases"][sys.argv[1]]
url = [f["url"] for f in files if f["packagetype"] == "sdist"][0]
print(urllib.parse.urljoin("https://pypi.org/pypi/x/json", url))' "$version")
  file="$DIR/sdists/${url##*/}"
  [ -f "$file" ] || curl -fsSL -o "$file" "$url"
  tar -xzf "$file" -C "$DIR"
  # Some sdists spell the directory with the project's capitals or underscores.
  unpacked=$(tar -tzf "$file" | head -1 | cut -d/ -f1 || true)
  [ "$unpacked" = "$name-$version" ] || mv "$DIR/$unpacked" "$DIR/$name-$version"
done
