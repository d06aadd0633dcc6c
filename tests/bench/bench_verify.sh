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
# time_of CMD...: wall time of one run of CMD (output discarded), in s.
time_of() {
  local start end
  start=$(now)
  "$@" > /dev/null
  end=$(now)
  echo "$end - $start" | bc -l
}
min() { if [[ -z $1 ]] || (($(echo "$2 < $1" | bc -l))); then echo "$2"; else echo "$1"; fi; }
mbps() { echo "scale=1; $bytes / 1000000 / $1" | bc -l; }

# Both must agree on every blob before any figure means anything.
diff <(openssl dgst -sha256 -r "${blobs[@]}" | sed 's/ \*/  /' | sort) \
     <("$bench_sha256" "${blobs[@]}" | sort) > /dev/null ||
  { echo "gatecast and openssl disagree on a hash" >&2; exit 1; }
for f in "${blobs[@]}"; do
  [[ $(basename "$f") == $("$bench_sha256" "$f" | cut -c1-64) ]] || { echo "blob $f misnamed" >&2; exit 1; }
done

# `gatecast verify` over a signed manifest naming every blob, when the command is built.
verify=0
if [[ -x $gatecast ]] && "$gatecast" keygen --out "$work/keys" --no-password > /dev/null 2>&1; then
  mkdir -p "$root/channels/bench"
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
  } > "$root/channels/bench/manifest.json"
  verify_cmd=("$gatecast" verify "$root" --channel bench --pubkey "$work/keys/gatecast.pub")
  if "$gatecast" sign "$root" --channel bench --key "$work/keys/gatecast.key" > /dev/null &&
    "${verify_cmd[@]}" > /dev/null 2>&1; then
    verify=1
  fi
fi

# The tools take turns, so that load from other processes falls on all alike; the best run
# of each counts.
t_openssl=""
t_gatecast=""
t_verify=""
for ((r = 0; r < runs; r++)); do
  t_openssl=$(min "$t_openssl" "$(time_of openssl dgst -sha256 "${blobs[@]}")")
  t_gatecast=$(min "$t_gatecast" "$(time_of "$bench_sha256" "${blobs[@]}")")
  if ((verify)); then t_verify=$(min "$t_verify" "$(time_of "${verify_cmd[@]}")"); fi
done

printf 'data: %d blobs x %d MiB = %d bytes, warm cache, best of %d\n' "$count" "$mib" "$bytes" "$runs"
printf '%-34s %8.3f s %9s MB/s\n' "openssl dgst -sha256" "$t_openssl" "$(mbps "$t_openssl")"
printf '%-34s %8.3f s %9s MB/s\n' "gatecast sha256_file_hex" "$t_gatecast" "$(mbps "$t_gatecast")"
if ((verify)); then
  printf '%-34s %8.3f s %9s MB/s\n' "gatecast verify (whole tree)" "$t_verify" "$(mbps "$t_verify")"
fi
printf 'ratio gatecast sha256_file_hex/openssl throughput: %.3f\n' "$(echo "$t_openssl / $t_gatecast" | bc -l)"
if ((verify)); then
  printf 'ratio gatecast verify/openssl throughput: %.3f\n' "$(echo "$t_openssl / $t_verify" | bc -l)"
else
  echo "gatecast verify: not built or not working in $build (skipped)"
fi
