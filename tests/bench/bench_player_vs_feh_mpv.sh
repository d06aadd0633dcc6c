#!/usr/bin/env bash
# The same ten 1080p pictures at 10 s each, shown fullscreen under Xvfb at 1920x1080 by
# gatecast, by `feh -F -D 10` and by `mpv --image-display-duration=10 --loop-playlist` (the
# tools a technician would otherwise loop a USB stick with), one after the other in one run:
# CPU seconds (user + system) and peak RSS of each over the same stretch (issue 4, "Measure").
# gatecast plays them as a signed package installed into a store, as a screen does.
#
#   tests/bench/bench_player_vs_feh_mpv.sh [BUILD_DIR=build] [SECONDS=100]
# BUILD_DIR must hold a built gatecast and bench_player_rss (which makes the pictures);
# use a Release build.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
seconds=${2:-100}
gatecast=$build/player/gatecast
make_pictures=$build/tests/bench/bench_player_rss
for tool in Xvfb feh mpv /usr/bin/time "$gatecast" "$make_pictures"; do
  command -v "$tool" >/dev/null || { echo "bench_player_vs_feh_mpv: $tool is missing" >&2; exit 2; }
done

work=$(mktemp -d /tmp/gatecast-bench-vs-XXXXXX)
xvfb_pid=
cleanup() {
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

display=:$((200 + $$ % 500))
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do [[ -S /tmp/.X11-unix/X${display#:} ]] && break; sleep 0.1; done
export DISPLAY=$display

echo "== making ten 1920x1080 JPEGs in $work/pictures"
"$make_pictures" --pictures "$work/pictures" 10

echo "== packing, signing and installing them for gatecast"
mkdir -p "$work/src/media"
cp "$work"/pictures/*.jpg "$work/src/media/"
{
  echo '{"expires": 30, "targets": ["langson/*"], "assets": {'
  for i in $(seq 0 9); do
    printf '"p%d": "media/picture-%02d.jpg"%s\n' "$i" "$i" "$([[ $i -lt 9 ]] && echo ,)"
  done
  echo '}, "layouts": {"full": {"size": [1920, 1080], "regions": {"picture": {"rect": [0, 0, 1920, 1080]}}}},'
  echo '"playlists": {"day": {"slides": ['
  for i in $(seq 0 9); do
    printf '{"layout": "full", "duration": 10, "content": {"picture": {"type": "image", "asset": "p%d", "fit": "contain"}}}%s\n' \
      "$i" "$([[ $i -lt 9 ]] && echo ,)"
  done
  echo ']}}, "schedule": {"default": "day"}}'
} >"$work/src/content.json"
"$gatecast" keygen --out "$work/keys" --no-password >/dev/null
"$gatecast" pack "$work/src" --out "$work/publish" --channel bench --version 1 --key "$work/keys/gatecast.key" >/dev/null
cat >"$work/player.json" <<JSON
{"screen": "langson/huunghi/1", "data_dir": "$work/data", "site_name": "bench",
 "trusted_keys": ["$(sed -n 2p "$work/keys/gatecast.pub")"],
 "sources": [{"url": "$work/publish", "channel": "bench"}]}
JSON
"$gatecast" install "$work/publish" --config "$work/player.json" >/dev/null

# Runs a command for $seconds under /usr/bin/time; prints "name cpu_seconds peak_rss_mib".
measure() {
  local name=$1; shift
  /usr/bin/time -f "%U %S %M" -o "$work/$name.time" timeout -s TERM "$((seconds + 5))" "$@" \
    >"$work/$name.log" 2>&1 || true
  read -r user sys rss < <(tail -n 1 "$work/$name.time")
  awk -v n="$name" -v u="$user" -v s="$sys" -v m="$rss" \
    'BEGIN { printf "%-8s %8.2f CPU s %8.1f MiB peak RSS\n", n, u + s, m / 1024 }' | tee -a "$work/results"
}

echo "== each shows the ten pictures, 10 s each, fullscreen 1920x1080, for ${seconds}s"
measure gatecast "$gatecast" play --config "$work/player.json" --exit-after "$seconds"
measure feh timeout -s TERM "$seconds" feh -F -D 10 "$work"/pictures/*.jpg
measure mpv timeout -s TERM "$seconds" mpv --image-display-duration=10 --loop-playlist --fs --no-audio \
  --really-quiet "$work"/pictures/*.jpg

echo "== ratios (gatecast = 1)"
awk '{ cpu[$1] = $2; rss[$1] = $5 }
  END {
    printf "CPU:  feh/gatecast %.2f   mpv/gatecast %.2f\n", cpu["feh"] / cpu["gatecast"], cpu["mpv"] / cpu["gatecast"]
    printf "RSS:  feh/gatecast %.2f   mpv/gatecast %.2f\n", rss["feh"] / rss["gatecast"], rss["mpv"] / rss["gatecast"]
  }' "$work/results"
grep -h "Using\|VO:" "$work/mpv.log" 2>/dev/null | head -2 || true
