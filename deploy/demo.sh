#!/usr/bin/env bash
# The README's demo command: installs what it needs (Debian packages), builds gatecast, packs
# and signs the bundled example content for the Hữu Nghị cluster screen with a fresh key,
# verifies and installs it like a screen would, then plays it: in a window when a display is
# there, otherwise headless, writing preview pictures and saying where.
#   deploy/demo.sh                 the Hữu Nghị cluster screen (1920x1080)
#   deploy/demo.sh langson-ledwall the LED walls at Tân Thanh and Chi Ma (3:1)
#   GATECAST_DEMO_SECONDS=60 deploy/demo.sh   how long the headless demo plays (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

example=${1:-langson-cluster}
[[ -f "examples/$example/content.json" ]] || { echo "gatecast: examples/$example: no such example" >&2; exit 2; }
case "$example" in
  langson-ledwall) screen=langson/tanthanh/1; size=2880x960 ;;
  *) screen=langson/huunghi/1; size=1920x1080 ;;
esac

deploy/install-deps.sh
echo "== building gatecast"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target gatecast -j "$(nproc)" >/dev/null
gatecast=$root/build/player/gatecast

demo=$root/out/demo/$example
mkdir -p "$demo"
cd "$demo"
if [[ ! -f keys/gatecast.key ]]; then
  echo "== making a signing key (as the department would, once)"
  "$gatecast" keygen --out keys --no-password
fi
# Every run publishes a newer version, as the department does for each change.
version=$(date +%s)
echo "== packing and signing examples/$example as version $version"
"$gatecast" pack "$root/examples/$example" --out publish --channel "$example" --version "$version" --key keys/gatecast.key
echo "== verifying it as the office would"
"$gatecast" verify publish --channel "$example" --pubkey keys/gatecast.pub --screen "$screen"

cat >player.json <<JSON
{
  "screen": "$screen",
  "timezone": "Asia/Ho_Chi_Minh",
  "data_dir": "$demo/data",
  "trusted_keys": ["$(sed -n 2p keys/gatecast.pub)"],
  "sources": [{"url": "$demo/publish", "channel": "$example"}],
  "poll_seconds": 60,
  "languages": ["vi", "zh", "en"],
  "site_name": "Lạng Sơn"
}
JSON
echo "== installing it into $demo/data, as a screen would"
"$gatecast" install publish --config player.json
"$gatecast" status --config player.json

mkdir -p previews
"$gatecast" preview "$root/examples/$example" --out previews/contact-sheet.png
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
"$gatecast" render --config player.json --at "$now" --out previews/now.png --size "$size"

if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  echo "== playing in a window (close it or press Esc to stop)"
  "$gatecast" play --config player.json --windowed
else
  seconds=${GATECAST_DEMO_SECONDS:-30}
  echo "== no display here: playing headless for ${seconds}s, writing what the screen shows to $demo/previews"
  "$gatecast" play --config player.json --headless --previews previews --exit-after "$seconds"
fi
echo
echo "gatecast: preview pictures are in $demo/previews:"
ls -1 "$demo/previews" | sed 's/^/  /'
