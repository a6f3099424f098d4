#!/bin/sh
# After `multi-gitter run`: put each repository's summary into its pull
# request (multi-gitter gives every pull request the same body).
set -eu
for summary in "${TEMPSAFE_SUMMARY_DIR:-$HOME/tempsafe-summaries}"/*.md; do
  repo="$(basename "$summary" .md | sed 's/_/\//')"
  gh pr edit tempsafe/fix-temp-files --repo "$repo" --body-file "$summary"
done
