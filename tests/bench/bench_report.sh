#!/usr/bin/env bash
# gatecast report over a fleet's quarter against jq summing the same files, in one run, each
# pinned to one core (taskset -c 0). Reports records per CPU second of both, the ratio (goal
# >= 10x) and gatecast's peak RSS (goal <= 256 MiB, i.e. streaming).
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

# The machine is shared: other processes' time slices inflate wall time, so records/s are
# taken from CPU time (user + system), and the wall time is shown beside it.
measure() {  # prints "cpu_s wall_s max_rss_kib"
  /usr/bin/time -f "%U %S %e %M" -o "$dir/gatecast-bench-time" taskset -c 0 "$@" > /dev/null
  awk '{ printf "%.2f %s %s\n", $1 + $2, $3, $4 }' "$dir/gatecast-bench-time"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r g_cpu g_wall g_rss < <(measure "$gatecast" report --log "$root" --period 2026-Q4 --accept-unsigned \
  --format json --out "$dir/gatecast-bench-report.json")
read -r j_cpu j_wall j_rss < <(measure sh -c "find '$root' -name '*.jsonl' -print0 | xargs -0 jq -n \
  'reduce inputs as \$r ({}; reduce \$r.assets[] as \$a (.; .[\$a].plays += 1
     | .[\$a].seconds += ((\$r.end|fromdate) - (\$r.start|fromdate))))'")
python3 - "$records" "$g_cpu" "$g_wall" "$g_rss" "$j_cpu" "$j_wall" "$j_rss" <<'PY'
import sys
n, gc, gw, gr, jc, jw, jr = int(sys.argv[1]), *map(float, sys.argv[2:])
gc, jc = max(gc, 0.01), max(jc, 0.01)
print(f"gatecast report: {gc:.2f} CPU s ({gw:.1f} s wall), {n/gc/1e3:.0f} k records/s, peak RSS {gr/1024:.1f} MiB")
print(f"jq, plays and seconds per asset: {jc:.2f} CPU s ({jw:.1f} s wall), {n/jc/1e3:.0f} k records/s, peak RSS {jr/1024:.1f} MiB")
print(f"ratio: gatecast {jc/gc:.1f}x jq's records/s per CPU second (goal >= 10x); RSS goal <= 256 MiB")
PY
rm -rf "$root"
