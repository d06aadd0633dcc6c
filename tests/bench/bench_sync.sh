#!/bin/sh
# bench_sync.sh [GATECAST_BINARY] [ASSETS] [ASSET_BYTES]
#
# First sync of a 200-asset, ~500 MB package from nginx on loopback with `gatecast install`,
# against `curl` fetching the same files in one run (one process, one kept-alive connection):
# wall time and bytes (from nginx's access log) for each, and their ratio. Then the bytes of
# an idle poll (nothing changed). gatecast does more than curl: it checks the signature, hashes
# every blob, and fsyncs the store; the ratio shows what that costs. A second baseline, curl
# followed by an fsync of every file it wrote (coreutils `sync FILE...`), costs what durability
# costs on this disk: against it the ratio shows what gatecast's own work adds. Use a Release
# build.
set -eu

GATECAST=${1:-/work/build-sync-release/player/gatecast}
ASSETS=${2:-200}
ASSET_BYTES=${3:-2621440}   # 2.5 MiB: 200 of them are ~500 MiB
ROUNDS=2

[ -x "$GATECAST" ] || { echo "bench_sync: no gatecast binary at $GATECAST" >&2; exit 2; }
command -v curl >/dev/null || { echo "bench_sync: curl is needed" >&2; exit 2; }
NGINX=/usr/sbin/nginx

WORK=$(mktemp -d /tmp/gatecast-bench-sync-XXXXXX)
NGINX_PID=
cleanup() {
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

now_ms() { date +%s%3N; }
# CPU seconds (user+sys) of a command, when GNU time is there: shows how much of the wall time
# is work and how much is waiting (the server, the disk's fsyncs).
TIMER=
[ -x /usr/bin/time ] && TIMER="/usr/bin/time -f %U+%S -a -o"

# --- the publish tree: random assets, a manifest naming them, a signature -----------------
TREE=$WORK/tree
mkdir -p "$TREE/blobs" "$TREE/channels/bench" "$WORK/keys"
"$GATECAST" keygen --out "$WORK/keys" --no-password >/dev/null
python3 - "$TREE" "$ASSETS" "$ASSET_BYTES" <<'EOF'
import hashlib, json, os, sys, datetime
tree, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
assets, slides = {}, []
for i in range(count):
    data = os.urandom(size)
    sha = hashlib.sha256(data).hexdigest()
    with open(os.path.join(tree, "blobs", sha), "wb") as f:
        f.write(data)
    name = "asset-%03d" % i
    assets[name] = {"sha256": sha, "size": size, "type": "image/png"}
    slides.append({"layout": "full", "duration": 10,
                   "content": {"picture": {"type": "image", "asset": name}}})
manifest = {
    "format": "gatecast/1", "channel": "bench", "version": 1,
    "created": (now - datetime.timedelta(hours=1)).isoformat().replace("+00:00", "Z"),
    "expires": (now + datetime.timedelta(days=30)).isoformat().replace("+00:00", "Z"),
    "targets": ["bench/*"], "assets": assets,
    "layouts": {"full": {"size": [1920, 1080], "regions": {"picture": {"rect": [0, 0, 1920, 1080]}}}},
    "playlists": {"day": {"slides": slides}},
    "schedule": {"default": "day"},
}
with open(os.path.join(tree, "channels", "bench", "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=2)
EOF
"$GATECAST" sign "$TREE" --channel bench --key "$WORK/keys/gatecast.key" >/dev/null
PUBKEY=$(tail -n 1 "$WORK/keys/gatecast.pub")

# --- nginx on a free loopback port ---------------------------------------------------------
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$WORK/nginx/tmp"
cat > "$WORK/nginx/nginx.conf" <<EOF
daemon off;
master_process off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 64; }
http {
  default_type application/octet-stream;
  sendfile on;
  log_format bench '\$status \$bytes_sent \$body_bytes_sent "\$request"';
  access_log $WORK/nginx/access.log bench;
  client_body_temp_path $WORK/nginx/tmp/body; proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi; uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  server { listen 127.0.0.1:$PORT; root $TREE; }
}
EOF
"$NGINX" -p "$WORK/nginx/" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" &
NGINX_PID=$!
i=0
until curl -s -o /dev/null "http://127.0.0.1:$PORT/"; do
  i=$((i + 1)); [ $i -lt 100 ] || { echo "bench_sync: nginx did not start" >&2; exit 1; }
  sleep 0.05
done
URL=http://127.0.0.1:$PORT
LOG=$WORK/nginx/access.log
sent_bytes() { awk '{ s += $2 } END { print s + 0 }' "$LOG"; }
settle() { sleep 0.3; }

cat "$TREE"/blobs/* > /dev/null   # both runs read the tree from the page cache

# --- curl: every file of the package in one run ---------------------------------------------
: > "$WORK/curl.cfg"
echo "url = \"$URL/channels/bench/manifest.json\"" >> "$WORK/curl.cfg"
echo "output = \"$WORK/curl-out/manifest.json\"" >> "$WORK/curl.cfg"
echo "url = \"$URL/channels/bench/manifest.json.minisig\"" >> "$WORK/curl.cfg"
echo "output = \"$WORK/curl-out/manifest.json.minisig\"" >> "$WORK/curl.cfg"
for f in "$TREE"/blobs/*; do
  echo "url = \"$URL/blobs/$(basename "$f")\"" >> "$WORK/curl.cfg"
  echo "output = \"$WORK/curl-out/$(basename "$f")\"" >> "$WORK/curl.cfg"
done

best_curl_ms= ; best_durable_ms= ; best_gc_ms= ; curl_bytes= ; gc_bytes=
round=1
while [ $round -le $ROUNDS ]; do
  rm -rf "$WORK/curl-out" "$WORK/data"; mkdir -p "$WORK/curl-out" "$WORK/data"
  cat > "$WORK/player.json" <<EOF
{"screen": "bench/1", "data_dir": "$WORK/data", "trusted_keys": ["$PUBKEY"],
 "sources": [{"url": "$URL", "channel": "bench"}]}
EOF
  sync
  : > "$LOG"
  t0=$(now_ms)
  $TIMER ${TIMER:+"$WORK/curl.cpu"} curl -s -f -K "$WORK/curl.cfg"
  t1=$(now_ms)
  settle; curl_bytes=$(sent_bytes)
  ms=$((t1 - t0)); if [ -z "$best_curl_ms" ] || [ $ms -lt "$best_curl_ms" ]; then best_curl_ms=$ms; fi

  # The same download made durable: curl's files fsynced one by one, as the store does.
  rm -rf "$WORK/curl-out"; mkdir -p "$WORK/curl-out"
  sync
  t0=$(now_ms)
  curl -s -f -K "$WORK/curl.cfg" && sync "$WORK"/curl-out/*
  t1=$(now_ms)
  ms=$((t1 - t0)); if [ -z "$best_durable_ms" ] || [ $ms -lt "$best_durable_ms" ]; then best_durable_ms=$ms; fi

  sync
  : > "$LOG"
  t0=$(now_ms)
  $TIMER ${TIMER:+"$WORK/gatecast.cpu"} "$GATECAST" install "$URL" --config "$WORK/player.json" > /dev/null 2> "$WORK/install.err" || {
    cat "$WORK/install.err" >&2; exit 1; }
  t1=$(now_ms)
  settle; gc_bytes=$(sent_bytes)
  ms=$((t1 - t0)); if [ -z "$best_gc_ms" ] || [ $ms -lt "$best_gc_ms" ]; then best_gc_ms=$ms; fi
  round=$((round + 1))
done

# --- an idle poll: nothing changed ----------------------------------------------------------
: > "$LOG"
"$GATECAST" install "$URL" --config "$WORK/player.json" > /dev/null 2>&1
settle
idle_bytes=$(sent_bytes)
idle_requests=$(wc -l < "$LOG")
idle_status=$(awk '{ print $1 }' "$LOG" | sort | uniq -c | tr -s ' ' | tr '\n' ' ')

total_mb=$(awk "BEGIN { printf \"%.1f\", $ASSETS * $ASSET_BYTES / 1048576 }")
echo "package: $ASSETS assets, $total_mb MiB, loopback nginx, best of $ROUNDS rounds"
echo "curl (one run, all files):   ${best_curl_ms} ms, $curl_bytes bytes sent by nginx"
echo "curl, then fsync every file:  ${best_durable_ms} ms"
echo "gatecast install (first):    ${best_gc_ms} ms, $gc_bytes bytes sent by nginx"
awk "BEGIN { printf \"ratio gatecast/curl: time %.2f, bytes %.4f\n\", $best_gc_ms / $best_curl_ms, $gc_bytes / $curl_bytes }"
awk "BEGIN { printf \"ratio gatecast/(curl + fsync): time %.2f\n\", $best_gc_ms / $best_durable_ms }"
if [ -n "$TIMER" ]; then
  cpu() { tail -n 1 "$1" | awk -F+ '{ printf "%.2f s", $1 + $2 }'; }
  echo "CPU (last round, user+sys): curl $(cpu "$WORK/curl.cpu"), gatecast $(cpu "$WORK/gatecast.cpu")"
fi
echo "idle poll: $idle_bytes bytes sent by nginx in $idle_requests request(s) (status: $idle_status)"
