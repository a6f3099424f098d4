#!/bin/sh
# tempsafe's part of a campaign across many repositories: multi-gitter and
# turbolift run this script in each repository's checkout, then commit what
# it changed and open one pull request per repository.
#
#   multi-gitter run "$PWD/tempsafe-campaign.sh" --org my-org \
#     --branch tempsafe/fix-temp-files --commit-message "Fix insecure temporary files" \
#     --pr-title "Fix insecure temporary files (tempsafe)" --pr-body "See the comment below."
#   turbolift foreach -- sh "$PWD/tempsafe-campaign.sh"
#
# It applies the safe fixes and writes the repository's summary (Markdown,
# for the pull request) outside the checkout, so it is not committed. It
# exits 0 whenever tempsafe ran, even with findings left (--exit-zero): the
# campaign tools commit only on exit 0. Exit 2 (bad configuration, internal
# error) still stops that repository.
set -eu
summaries="${TEMPSAFE_SUMMARY_DIR:-$HOME/tempsafe-summaries}"
# multi-gitter sets REPOSITORY (owner/name); turbolift runs in work/<org>/<name>.
repo="${REPOSITORY:-$(basename "$(dirname "$PWD")")/$(basename "$PWD")}"
mkdir -p "$summaries"
tempsafe fix --exit-zero --output-format markdown \
  -o "$summaries/$(printf '%s' "$repo" | tr '/' '_').md" .
