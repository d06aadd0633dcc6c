#!/usr/bin/env bash
# The Debian package, as a technician meets it: built by dpkg-buildpackage from the tracked
# files of the checkout (as a clean clone has them), lintian-clean of errors, then installed
# into a minimal Debian 12 root that has no checkout, where it must work on its own:
# the files land where Debian expects, the gatecast user exists, the example config is a
# conffile that refuses to play with a clear message, a real config plays headless for 5 s,
# an upgrade keeps the edited config, remove and purge clean up.
#   tests/deploy/package_test.sh SOURCE_DIR OUT_DIR     (OUT_DIR gets the .deb, for the
#                                                      container test that follows)
set -euo pipefail
src=$(cd "${1:?usage: package_test.sh SOURCE_DIR OUT_DIR}" && pwd)
out=${2:?usage: package_test.sh SOURCE_DIR OUT_DIR}
# A developer's test run as a user: said, and skipped (CTest's SKIP_RETURN_CODE); CI is root.
[[ $(id -u) -eq 0 ]] || { echo "package_test: SKIPPED: needs root (dpkg -i into a chroot, mounts)" >&2; exit 77; }
for tool in dpkg-buildpackage lintian mmdebstrap git chroot; do
  command -v "$tool" >/dev/null || { echo "package_test: $tool is missing (deploy/install-deps.sh)" >&2; exit 1; }
done
source "$src/tests/deploy/root_cache.sh"
mkdir -p "$out"
out=$(cd "$out" && pwd)
run_dir=$out/chroot
trap 'drop_overlay_root "$run_dir"' EXIT

echo "== building the package from the checkout's tracked files"
rm -rf "$out/src" "$out"/gatecast_* "$out"/gatecast-dbgsym_*
mkdir -p "$out/src"
(cd "$src" && git ls-files -z --cached --others --exclude-standard |
  tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$out/src"
# No debug-symbol package, line tables only (-g1 after Debian's -g: a third less compile time)
# and light compression: this build is for testing, not for release.
(cd "$out/src" && DEB_BUILD_OPTIONS="parallel=$(nproc) nocheck noddebs" DEB_CFLAGS_APPEND=-g1 \
  DEB_CXXFLAGS_APPEND=-g1 DPKG_DEB_COMPRESSOR_LEVEL=1 dpkg-buildpackage -b -uc -us >"$out/build.log" 2>&1) || {
  tail -40 "$out/build.log" >&2
  echo "package_test: dpkg-buildpackage failed (whole log: $out/build.log)" >&2
  exit 1
}
deb=$(ls "$out"/gatecast_*.deb)
echo "package_test: built $(basename "$deb") ($(du -h "$deb" | cut -f1))"
dpkg-deb -f "$deb" Depends

echo "== lintian"
lintian --fail-on error "$deb" | tee "$out/lintian.log" || {
  echo "package_test: lintian reports errors" >&2
  exit 1
}

prepare_base_root "$deb"
overlay_root "$run_dir"
root=$run_dir/root
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
cp "$deb" "$root/tmp/gatecast.deb"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

failed=0
check() {  # description, command...
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what" >&2; failed=1; fi
}

echo "== installing into a fresh Debian 12 root (no checkout in it)"
in_root dpkg -i /tmp/gatecast.deb
check "no checkout in the root" test ! -e "$root$src"
check "/usr/bin/gatecast" test -x "$root/usr/bin/gatecast"
check "fonts in /usr/share/gatecast/fonts" test -f "$root/usr/share/gatecast/fonts/NotoSansCJK-Regular.ttc"
check "units in /lib/systemd/system" test -f "$root/lib/systemd/system/gatecast-player.service"
check "udev rule in /lib/udev/rules.d" test -f "$root/lib/udev/rules.d/99-gatecast-usb.rules"
check "man page" test -f "$root/usr/share/man/man1/gatecast.1.gz"
check "bash completion" test -f "$root/usr/share/bash-completion/completions/gatecast"
check "docs" test -f "$root/usr/share/doc/gatecast/deploy.md.gz"
check "the gatecast user (sysusers.d)" in_root getent passwd gatecast
check "/var/lib/gatecast (tmpfiles.d) owned by gatecast" \
  test "$(in_root stat -c %U /var/lib/gatecast)" = gatecast
check "player.json is a conffile" grep -q /etc/gatecast/player.json <(in_root dpkg-query -W -f='${Conffiles}' gatecast)
check "gatecast-player.service enabled" test -L "$root/etc/systemd/system/multi-user.target.wants/gatecast-player.service"

echo "== the example config refuses to play, and says why"
set +e
refusal=$(in_root gatecast play --headless --exit-after 5 2>&1)
code=$?
set -e
echo "$refusal"
check "play without a usable config exits 2" test "$code" -eq 2
check "the refusal names the file and what to set" grep -q "/etc/gatecast/player.json: screen: is empty" <<<"$refusal"

echo "== a real config: a key, the bundled example packed, signed and installed"
in_root gatecast keygen --out /root/keys --no-password
in_root gatecast pack /usr/share/gatecast/examples/langson-cluster --out /srv/publish \
  --channel langson-cluster --version 1 --key /root/keys/gatecast.key
key=$(sed -n 2p "$root/root/keys/gatecast.pub")
cat >"$root/etc/gatecast/player.json" <<JSON
{
  "screen": "langson/huunghi/1",
  "site_name": "Hữu Nghị",
  "trusted_keys": ["$key"],
  "sources": [{"url": "/srv/publish", "channel": "langson-cluster"}],
  "import_dirs": ["/run/gatecast/usb"],
  "output": {"power_off": "auto"}
}
JSON
chmod 0644 "$root/etc/gatecast/player.json"
as_gatecast() { chroot --userspec=gatecast:gatecast "$root" env -i PATH=/usr/bin:/bin HOME=/var/lib/gatecast "$@"; }
check "gatecast install, as the gatecast user" as_gatecast gatecast install /srv/publish
status=$(in_root gatecast status)
echo "$status"
check "status shows the installed version" grep -q "installed version: 1" <<<"$status"
check "status says how the screen turns off" grep -q "black: always" <<<"$status"
echo "== playing headless for 5 s as the gatecast user"
mkdir -p "$root/tmp/previews" && chmod 0777 "$root/tmp/previews"
check "gatecast play --headless --exit-after 5 plays" \
  as_gatecast gatecast play --headless --exit-after 5 --previews /tmp/previews
check "it drew the screen" test -s "$root/tmp/previews/latest.png"

echo "== upgrade (the same version again) keeps the edited config"
sum=$(sha256sum <"$root/etc/gatecast/player.json")
in_root dpkg -i /tmp/gatecast.deb
check "config kept" test "$(sha256sum <"$root/etc/gatecast/player.json")" = "$sum"

echo "== remove, then purge"
in_root dpkg -r gatecast
check "remove: the binary is gone" test ! -e "$root/usr/bin/gatecast"
check "remove: the config stays" test -f "$root/etc/gatecast/player.json"
in_root dpkg --purge gatecast
check "purge: the config is gone" test ! -e "$root/etc/gatecast/player.json"
exit $failed
