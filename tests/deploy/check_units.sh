#!/usr/bin/env bash
# The units' sandboxes, as systemd rates them: `systemd-analyze security --offline=true` on each
# unit of deploy/, checked against its ceiling (2.0 for the player, the safe player and the USB
# import unit, issue 16; the kiosk's own, which its comment explains), and against the figures
# docs/deploy.md gives, so that the documentation stays true.
#   tests/deploy/check_units.sh SOURCE_DIR
set -euo pipefail
src=${1:?usage: check_units.sh SOURCE_DIR}
command -v systemd-analyze >/dev/null || { echo "check_units: systemd-analyze is missing (package systemd)" >&2; exit 1; }

declare -A ceiling=(
  [deploy/systemd/gatecast-player.service]=2.0
  [deploy/systemd/gatecast-player-safe.service]=2.0
  [deploy/systemd/gatecast-usb-import@.service]=2.0
  [deploy/kiosk/gatecast-kiosk.service]=2.0
)
failed=0
for unit in "${!ceiling[@]}"; do
  name=$(basename "$unit")
  # An offline check reads the file as it is; a template is rated as one of its instances.
  out=$(cd "$src/$(dirname "$unit")" && systemd-analyze security --offline=true --no-pager "$name" 2>&1) || true
  figure=$(sed -n 's/^→ Overall exposure level for .*: \([0-9.]*\) .*/\1/p' <<<"$out")
  if [[ -z "$figure" ]]; then
    echo "check_units: $unit: no figure from systemd-analyze:" >&2
    echo "$out" >&2
    failed=1
    continue
  fi
  limit=${ceiling[$unit]}
  if awk -v f="$figure" -v l="$limit" 'BEGIN { exit !(f > l) }'; then
    echo "check_units: $unit: exposure $figure is above its ceiling $limit" >&2
    echo "$out" | grep '✗' >&2
    failed=1
  else
    echo "check_units: $unit: exposure $figure (ceiling $limit)"
  fi
  # docs/deploy.md has a row "| `name` | figure | ..." per unit.
  if ! grep -q "^| \`$name\` | $figure |" "$src/docs/deploy.md"; then
    echo "check_units: docs/deploy.md: the row for $name does not give $figure" >&2
    failed=1
  fi
done
exit $failed
