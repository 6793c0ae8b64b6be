#!/usr/bin/env bash
# Renders a scenario's HTML report in headless Chromium and saves a screenshot, to look at the page
# as a workshop would see it projected. Needs Debian's `chromium` (apt-get install chromium).
# Usage (from the repository root): Tests/HTMLReport/render.sh [SCENARIO] [OUT.png]
set -euo pipefail
scenario="${1:-eks-al2023-packages-ignored}"
out="${2:-/tmp/cloudinit-sim-$scenario.png}"
profile="$(sed -n 's/^profile: //p' "Scenarios/$scenario/scenario.yaml")"
html="$(mktemp --suffix=.html)"
trap 'rm -f "$html"' EXIT
swift run -q cloudinit-sim run --profile "$profile" --user-data "Scenarios/$scenario/user-data" --format html > "$html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1600,2400 \
  --screenshot="$out" "file://$html" 2>/dev/null
test -s "$out"
echo "$out"
