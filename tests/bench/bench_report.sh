#!/usr/bin/env bash
# gatecast report over a fleet's quarter against jq summing the same files, in one run, each
# pinned to one core (taskset -c 0). Reports records/s of both, the ratio (goal >= 10x) and
# gatecast's peak RSS (goal <= 256 MiB, i.e. streaming).
#   tests/bench/bench_report.sh GATECAST [SCREENS=100] [SLIDE_SECONDS=60] [DIR=/tmp]
# 100 screens at 10 s slides, 06:00-23:00, is the full 45 million records (~15 GB); the default
# 60 s slides give 9.4 million. The report streams, so time scales with records.
set -euo pipefail
gatecast=$1 screens=${2:-100} slide=${3:-60} dir=${4:-/tmp}
root=$dir/gatecast-bench-report
rm -rf "$root"
records=$(python3 "$(dirname "$0")/bench_report_logs.py" "$screens" "$slide" "$root")
bytes=$(du -sb "$root" | cut -f1)
echo "generated $screens screens x 2026-Q4: $records records, $((bytes / 1048576)) MiB"

measure() {  # prints "wall_s max_rss_kib"
  /usr/bin/time -f "%e %M" -o "$dir/gatecast-bench-time" taskset -c 0 "$@" > /dev/null
  cat "$dir/gatecast-bench-time"
}
read -r g_wall g_rss < <(measure "$gatecast" report --log "$root" --period 2026-Q4 --accept-unsigned \
  --format json --out "$dir/gatecast-bench-report.json")
read -r j_wall j_rss < <(measure sh -c "find '$root' -name '*.jsonl' -print0 | xargs -0 jq -n \
  'reduce inputs as \$r ({}; reduce \$r.assets[] as \$a (.; .[\$a].plays += 1
     | .[\$a].seconds += ((\$r.end|fromdate) - (\$r.start|fromdate))))'")
python3 - "$records" "$g_wall" "$g_rss" "$j_wall" "$j_rss" <<'PY'
import sys
n, gw, gr, jw, jr = int(sys.argv[1]), *map(float, sys.argv[2:])
print(f"gatecast report: {gw:.1f} s, {n/gw/1e6:.2f} M records/s, peak RSS {gr/1024:.1f} MiB")
print(f"jq, plays and seconds per asset: {jw:.1f} s, {n/jw/1e6:.2f} M records/s, peak RSS {jr/1024:.1f} MiB")
print(f"ratio: gatecast {jw/gw:.1f}x jq's records/s (goal >= 10x); RSS goal <= 256 MiB")
PY
rm -rf "$root"
