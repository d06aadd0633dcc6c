#!/usr/bin/env bash
# Hashing a publish tree's blobs: gatecast's SHA-256 (OpenSSL EVP, 1 MiB reads) against
# `openssl dgst -sha256` over the same files, both warm-cache, best of N runs.
#
#   tests/bench/bench_verify.sh BUILD_DIR [COUNT] [MIB] [RUNS]
#
# BUILD_DIR is a Release build holding tests/bench/bench_sha256 (and player/gatecast when the
# `verify` command should be timed too). Defaults: 64 blobs of 16 MiB (1 GiB), 3 runs.
# Prints MB/s for each tool and gatecast/openssl ratios (1.00 = as fast as openssl).
set -euo pipefail

build=${1:?usage: bench_verify.sh BUILD_DIR [COUNT] [MIB] [RUNS]}
count=${2:-64}
mib=${3:-16}
runs=${4:-3}
build=$(cd "$build" && pwd)
bench_sha256="$build/tests/bench/bench_sha256"
gatecast="$build/player/gatecast"
[[ -x $bench_sha256 ]] || { echo "missing $bench_sha256 (cmake --build $build --target bench_sha256)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/gatecast-bench-verify-XXXXXX")
trap 'rm -rf "$work"' EXIT
root="$work/root"
mkdir -p "$root/blobs"

echo "creating $count blobs of $mib MiB in $root/blobs"
for ((i = 0; i < count; i++)); do
  head -c "$((mib << 20))" /dev/urandom > "$work/blob.tmp"
  hash=$(sha256sum "$work/blob.tmp" | cut -c1-64)
  mv "$work/blob.tmp" "$root/blobs/$hash"
done
bytes=$((count * (mib << 20)))
blobs=("$root"/blobs/*)

# Warm the page cache so that both tools measure hashing, not the disk.
cat "${blobs[@]}" > /dev/null

now() { date +%s.%N; }
# best_of CMD...: runs CMD $runs times (output discarded), prints the fastest wall time in s.
best_of() {
  local best="" start end t
  for ((r = 0; r < runs; r++)); do
    start=$(now)
    "$@" > /dev/null
    end=$(now)
    t=$(echo "$end - $start" | bc -l)
    if [[ -z $best ]] || (($(echo "$t < $best" | bc -l))); then best=$t; fi
  done
  echo "$best"
}
mbps() { echo "scale=1; $bytes / 1000000 / $1" | bc -l; }

# Both must agree on every blob before any figure means anything.
diff <(openssl dgst -sha256 -r "${blobs[@]}" | sed 's/ \*/  /' | sort) \
     <("$bench_sha256" "${blobs[@]}" | sort) > /dev/null ||
  { echo "gatecast and openssl disagree on a hash" >&2; exit 1; }
for f in "${blobs[@]}"; do
  [[ $(basename "$f") == $("$bench_sha256" "$f" | cut -c1-64) ]] || { echo "blob $f misnamed" >&2; exit 1; }
done

t_openssl=$(best_of openssl dgst -sha256 "${blobs[@]}")
t_gatecast=$(best_of "$bench_sha256" "${blobs[@]}")
printf 'data: %d blobs x %d MiB = %d bytes, warm cache, best of %d\n' "$count" "$mib" "$bytes" "$runs"
printf '%-34s %8.3f s %9s MB/s\n' "openssl dgst -sha256" "$t_openssl" "$(mbps "$t_openssl")"
printf '%-34s %8.3f s %9s MB/s\n' "gatecast sha256_file_hex" "$t_gatecast" "$(mbps "$t_gatecast")"
printf 'ratio gatecast/openssl throughput: %.3f\n' "$(echo "$t_openssl / $t_gatecast" | bc -l)"

# `gatecast verify` over a signed manifest naming every blob, when the command is built.
if [[ -x $gatecast ]] && "$gatecast" keygen --out "$work/keys" > /dev/null 2>&1; then
  {
    printf '{"format": "gatecast/1", "channel": "bench", "version": 1,\n'
    printf ' "created": "2026-01-01T00:00:00Z", "expires": "2099-01-01T00:00:00Z", "targets": ["*"],\n'
    printf ' "assets": {'
    sep=""
    i=0
    for f in "${blobs[@]}"; do
      printf '%s\n  "blob%d": {"sha256": "%s", "size": %d, "type": "image/png"}' "$sep" "$i" "$(basename "$f")" \
        "$((mib << 20))"
      sep=","
      i=$((i + 1))
    done
    printf '},\n "layouts": {"full": {"size": [1920, 1080], "regions": {"r": {"rect": [0, 0, 1920, 1080]}}}},\n'
    printf ' "playlists": {"day": {"slides": [{"layout": "full", "duration": 10,\n'
    printf '   "content": {"r": {"type": "image", "asset": "blob0"}}}]}},\n'
    printf ' "schedule": {"default": "day"}}\n'
  } > "$work/manifest.json"
  mkdir -p "$root/channels/bench"
  mv "$work/manifest.json" "$root/channels/bench/manifest.json"
  if "$gatecast" sign "$root" --channel bench --key "$work/keys/gatecast.key" > /dev/null &&
    "$gatecast" verify "$root" --channel bench --pubkey "$work/keys/gatecast.pub" > /dev/null 2>&1; then
    t_verify=$(best_of "$gatecast" verify "$root" --channel bench --pubkey "$work/keys/gatecast.pub")
    printf '%-34s %8.3f s %9s MB/s\n' "gatecast verify (whole tree)" "$t_verify" "$(mbps "$t_verify")"
    printf 'ratio gatecast verify/openssl throughput: %.3f\n' "$(echo "$t_openssl / $t_verify" | bc -l)"
  else
    echo "gatecast verify: not available in this build (skipped)"
  fi
else
  echo "gatecast verify: binary not built (skipped)"
fi
