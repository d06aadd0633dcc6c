#!/usr/bin/env bash
# Runs every benchmark on demand (never in CI): builds a Release tree in build-bench, then
# each bench_* program and script, printing its figures and its ratio against the baseline
# it measures in the same run. Numbers are only comparable within one run: the machines are
# shared, so read the ratios first.
#   tests/bench/run.sh            everything (several minutes; the feh/mpv comparison ~6 min)
#   tests/bench/run.sh quick      skip the long comparisons (sync, feh/mpv, 1 GiB hashing)
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=${1:-all}

deploy/install-deps.sh --bench
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DGATECAST_TESTS=ON -DGATECAST_BENCH=ON >/dev/null
cmake --build build-bench -j "$(nproc)" >/dev/null

b=build-bench/tests/bench
for program in bench_scheduler bench_text bench_frames bench_player_static_cpu bench_player_rss; do
  [[ -x $b/$program ]] || continue
  echo "== $program"
  "$b/$program"
done
if [[ $mode != quick ]]; then
  echo "== bench_verify.sh (1 GiB of blobs)"
  tests/bench/bench_verify.sh build-bench
  echo "== bench_sync.sh (200 assets, ~500 MB, nginx on loopback)"
  tests/bench/bench_sync.sh build-bench/player/gatecast
  echo "== bench_player_vs_feh_mpv.sh (Xvfb 1920x1080, ten pictures, 10 s each)"
  tests/bench/bench_player_vs_feh_mpv.sh build-bench
  echo "== bench_video_vs_mpv.sh (Xvfb 1920x1080 and 2880x960, a 60 s 1080p30 H.264 clip)"
  tests/bench/bench_video_vs_mpv.sh build-bench
fi
