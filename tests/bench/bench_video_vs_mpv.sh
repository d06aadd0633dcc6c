#!/usr/bin/env bash
# Video playback cost, gatecast against mpv, side by side in one run (issue 11, "How it is
# checked"): the same generated 60 s 1080p30 H.264 clip (testsrc2 with moving noise, ~8 Mbit/s)
# played fullscreen under Xvfb by gatecast (a signed package of that one clip, installed into a
# store, as a screen plays it) and by `mpv --hwdec=no --vo=x11 --no-audio --fs`, first on a
# 1920x1080 screen, then on a 2880x960 LED wall. For each: CPU seconds (user + system), peak
# RSS, and dropped frames, counted by each player: gatecast's exit line ("gatecast: video: N
# frames shown, M dropped", player/video/video_frames.hpp), mpv's frame-drop-count and
# decoder-frame-drop-count properties, read by a script at its end.
#
#   tests/bench/bench_video_vs_mpv.sh [BUILD_DIR=build] [SECONDS=60]
# Use a Release (or RelWithDebInfo) build; mpv comes from `deploy/install-deps.sh --bench`.
# GATECAST_BENCH_SIZES="1920x1080" runs only the screens named (default: both).
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
seconds=${2:-60}
gatecast=$build/player/gatecast
for tool in Xvfb mpv ffmpeg /usr/bin/time "$gatecast"; do
  command -v "$tool" >/dev/null || { echo "bench_video_vs_mpv: $tool is missing" >&2; exit 2; }
done

work=$(mktemp -d /tmp/gatecast-bench-video-XXXXXX)
xvfb_pid=
stop_x() {
  if [[ -n "$xvfb_pid" ]]; then
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
  xvfb_pid=
}
cleanup() {
  stop_x
  rm -rf "$work"
}
trap cleanup EXIT

# Making the clip takes minutes on a small machine: GATECAST_BENCH_CLIP names a file to keep
# it in between runs (made when missing).
clip=${GATECAST_BENCH_CLIP:-$work/clip.mp4}
if [[ ! -s $clip ]]; then
  echo "== making the clip: 60 s, 1920x1080, 30 frames/s, H.264 ~8 Mbit/s, with motion"
  ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=s=1920x1080:r=30:d=60" -vf "noise=alls=12:allf=t" \
    -c:v libx264 -preset superfast -b:v 8M -maxrate 9M -bufsize 16M -g 60 -pix_fmt yuv420p "$clip.part.mp4"
  mv "$clip.part.mp4" "$clip"
fi
ffprobe -v error -show_entries format=bit_rate,duration -of default=nw=1 "$clip" | tr '\n' ' '
echo

echo "== packing, signing and installing it for gatecast"
mkdir -p "$work/src/media"
cp "$clip" "$work/src/media/clip.mp4"
cat >"$work/src/content.json" <<'JSON'
{"expires": 30, "targets": ["langson/*"], "assets": {"clip": "media/clip.mp4"},
 "layouts": {"full": {"size": [1920, 1080], "background": "#000000",
                      "regions": {"video": {"rect": [0, 0, 1920, 1080]}}}},
 "playlists": {"day": {"slides": [
   {"layout": "full", "duration": "video", "content": {"video": {"type": "video", "asset": "clip"}}}]}},
 "schedule": {"default": "day"}}
JSON
"$gatecast" keygen --out "$work/keys" --no-password >/dev/null
"$gatecast" pack "$work/src" --out "$work/publish" --channel bench --version 1 --key "$work/keys/gatecast.key" >/dev/null
cat >"$work/player.json" <<JSON
{"screen": "langson/huunghi/1", "data_dir": "$work/data", "site_name": "bench",
 "trusted_keys": ["$(sed -n 2p "$work/keys/gatecast.pub")"],
 "sources": [{"url": "$work/publish", "channel": "bench"}]}
JSON
"$gatecast" install "$work/publish" --config "$work/player.json" >/dev/null

# mpv's own count of dropped frames, written when the script stops it after $seconds (a
# signal would end mpv before its scripts could say anything).
cat >"$work/drops.lua" <<'LUA'
local vo, dec = 0, 0
mp.observe_property("frame-drop-count", "number", function(_, v) if v then vo = v end end)
mp.observe_property("decoder-frame-drop-count", "number", function(_, v) if v then dec = v end end)
mp.add_timeout(tonumber(mp.get_opt("bench-seconds")), function()
  io.stderr:write(string.format("mpv-drops: %d %d\n", vo, dec))
  mp.command("quit")
end)
LUA

# Runs a command for $seconds under /usr/bin/time; appends "case name cpu_s rss_mib dropped".
measure() {
  local case=$1 name=$2; shift 2
  /usr/bin/time -f "%U %S %M" -o "$work/$name.time" timeout -s TERM "$((seconds + 10))" "$@" \
    >"$work/$case-$name.log" 2>&1 || true
  read -r user sys rss < <(tail -n 1 "$work/$name.time")
  local dropped
  if [[ $name == gatecast ]]; then
    dropped=$(sed -n 's/^gatecast: video: \([0-9]*\) frames shown, \([0-9]*\) dropped$/\2 (of \1 shown)/p' \
      "$work/$case-$name.log" | tail -n 1)
  else
    dropped=$(awk '/^mpv-drops:/ { print $2 + $3 " (vo " $2 ", decoder " $3 ")" }' "$work/$case-$name.log" | tail -n 1)
  fi
  awk -v c="$case" -v n="$name" -v u="$user" -v s="$sys" -v m="$rss" -v d="${dropped:-unknown}" \
    'BEGIN { printf "%-9s %-8s %8.2f CPU s %8.1f MiB peak RSS   dropped %s\n", c, n, u + s, m / 1024, d }' |
    tee -a "$work/results"
}

sizes=${GATECAST_BENCH_SIZES:-1920x1080 2880x960}
for size in $sizes; do
  display=:$((200 + $$ % 500))
  Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 100); do [[ -S /tmp/.X11-unix/X${display#:} ]] && break; sleep 0.1; done
  export DISPLAY=$display
  echo "== $size: each plays the clip fullscreen for ${seconds}s"
  measure "$size" gatecast "$gatecast" play --config "$work/player.json" --exit-after "$seconds"
  measure "$size" mpv mpv --hwdec=no --vo=x11 --no-audio --fs --loop-file=inf --no-terminal \
    --script-opts=bench-seconds="$seconds" --script="$work/drops.lua" "$clip"
  stop_x
  sleep 1
done

echo "== ratios (mpv = 1; the goal is <= 1.00)"
awk -v list="$sizes" '{ cpu[$1 " " $2] = $3; rss[$1 " " $2] = $6 }
  END {
    n = split(list, sizes, " ")
    for (i = 1; i <= n; ++i) {
      s = sizes[i]
      printf "%-9s CPU gatecast/mpv %.2f   RSS gatecast/mpv %.2f\n", s, cpu[s " gatecast"] / cpu[s " mpv"],
             rss[s " gatecast"] / rss[s " mpv"]
    }
  }' "$work/results"
grep -h "video decoding:" "$work"/*-gatecast.log | sort -u || true
