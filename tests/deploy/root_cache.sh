# Shared by package_test.sh and container_test.sh (sourced): the cached Debian 12 root both
# start from, and an overlay on it per run so that the cache itself is never changed by a test.
# The root is made once by mmdebstrap from the mirror this machine's apt uses, kept in
# $GATECAST_TEST_ROOT (default /var/cache/gatecast-test-root, outside any checkout) and given
# the runtime dependencies of the package under test when they change.

test_root_cache=${GATECAST_TEST_ROOT:-/var/cache/gatecast-test-root}

# The first Debian mirror apt is configured with (deb822 or one-line sources).
debian_mirror() {
  local url
  url=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -1)
  [[ -n "$url" ]] || url=$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list |
    awk '{print $2}' | grep -v security | grep -i debian | head -1)
  echo "${url:-http://deb.debian.org/debian}"
}

# Makes (once) $test_root_cache/base: minimal bookworm with systemd, and the runtime
# dependencies of the .deb $1 (re-done when its Depends line changes).
prepare_base_root() {
  local deb=$1 base=$test_root_cache/base
  mkdir -p "$test_root_cache"
  # One maker at a time (two checkouts testing on the same machine); held until the script ends.
  exec {root_lock}>"$test_root_cache/.lock"
  flock "$root_lock"
  if [[ ! -x "$base/lib/systemd/systemd" ]]; then
    echo "== making the cached Debian 12 root in $base (once)"
    rm -rf "$base.tmp"
    mmdebstrap --quiet --variant=minbase --include=systemd,systemd-sysv,dbus,udev,util-linux,mount \
      bookworm "$base.tmp" "$(debian_mirror)"
    mv "$base.tmp" "$base"
  fi
  local depends
  depends=$(dpkg-deb -f "$deb" Depends)
  if [[ "$(cat "$base/.gatecast-depends" 2>/dev/null)" != "$depends" ]]; then
    # "libfoo (>= 1), bar | baz" -> "libfoo bar": the first of each alternative.
    local names
    names=$(tr ',' '\n' <<<"$depends" | sed 's/|.*//; s/(.*)//; s/ //g' | grep -v '^$' | tr '\n' ' ')
    echo "== installing the package's dependencies into the cached root: $names"
    cp /etc/resolv.conf "$base/etc/resolv.conf"
    chroot "$base" apt-get update -qq
    chroot "$base" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $names >/dev/null
    chroot "$base" apt-get clean
    echo "$depends" >"$base/.gatecast-depends"
  fi
}

# Mounts an overlay of the base root at $1/root (changes go to $1/upper); undone by
# drop_overlay_root $1.
overlay_root() {
  local dir=$1
  drop_overlay_root "$dir"
  mkdir -p "$dir/upper" "$dir/work" "$dir/root"
  mount -t overlay overlay -o "lowerdir=$test_root_cache/base,upperdir=$dir/upper,workdir=$dir/work" "$dir/root"
}

drop_overlay_root() {
  local dir=$1
  for m in "$dir/root/proc" "$dir/root/dev/pts" "$dir/root/dev" "$dir/root"; do
    mountpoint -q "$m" 2>/dev/null && umount -l "$m"
  done
  rm -rf "$dir/upper" "$dir/work"
}
