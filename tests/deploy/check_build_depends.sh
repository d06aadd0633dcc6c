#!/usr/bin/env bash
# debian/control's Build-Depends names the Debian package of every library CMake looks for
# (cmake/dependencies.cmake), so that the package builds on a clean builder (sbuild, a
# buildd) and not only on a machine where deploy/install-deps.sh happened to install more.
# Each library is traced to the package that ships it with dpkg -S, never from a list kept
# by hand beside the CMake file.
#   tests/deploy/check_build_depends.sh SOURCE_DIR
set -euo pipefail
src=${1:?usage: check_build_depends.sh SOURCE_DIR}
for tool in pkg-config dpkg; do
  command -v "$tool" >/dev/null || { echo "check_build_depends: $tool is missing" >&2; exit 1; }
done
deps_cmake="$src/cmake/dependencies.cmake"

# The Build-Depends field (continuation lines included), one package name per line, without
# versions, architectures or build profiles.
build_depends=$(awk '/^Build-Depends:/{on=1; sub(/^Build-Depends:/,""); print; next}
                     on && /^[ \t]/{print; next} {on=0}' "$src/debian/control" |
  tr ',|' '\n\n' | sed -e 's/([^)]*)//g' -e 's/<[^>]*>//g' -e 's/\[[^]]*\]//g' -e 's/[[:space:]]//g' | sed '/^$/d')

# The files whose owning package must be build-depended on: every pkg-config module, every
# header found by find_path, and the packages find_package(...) stands for.
files=()
while read -r module; do
  dir=$(pkg-config --variable=pcfiledir "$module") ||
    { echo "check_build_depends: pkg-config does not know $module" >&2; exit 1; }
  files+=("$dir/$module.pc")
done < <(sed -n 's/^pkg_check_modules([A-Z0-9_]* REQUIRED IMPORTED_TARGET \(.*\))/\1/p' "$deps_cmake" | tr ' ' '\n' | sed '/^$/d')
while read -r header; do
  found=$(find /usr/include -path "*/$header" -print -quit)
  [[ -n $found ]] || { echo "check_build_depends: no /usr/include/.../$header" >&2; exit 1; }
  files+=("$found")
done < <(sed -n 's/^find_path([A-Z0-9_]* \([^ ]*\) REQUIRED)/\1/p' "$deps_cmake")
grep -q '^find_package(CURL' "$deps_cmake" && files+=("$(pkg-config --variable=pcfiledir libcurl)/libcurl.pc")
grep -q '^find_package(OpenSSL' "$deps_cmake" && files+=("$(pkg-config --variable=pcfiledir libcrypto)/libcrypto.pc")
grep -q '^find_package(nlohmann_json' "$deps_cmake" && files+=(/usr/include/nlohmann/json.hpp)

failed=0
for file in "${files[@]}"; do
  owner=$(dpkg -S "$(realpath "$file")" 2>/dev/null | head -1 | cut -d: -f1) || true
  [[ -n $owner ]] || owner=$(dpkg -S "$file" 2>/dev/null | head -1 | cut -d: -f1) || true
  if [[ -z $owner ]]; then
    echo "check_build_depends: no Debian package owns $file" >&2
    failed=1
  elif ! grep -qx "$owner" <<<"$build_depends"; then
    echo "check_build_depends: debian/control: Build-Depends lacks $owner (it ships $file)" >&2
    failed=1
  fi
done
echo "check_build_depends: ${#files[@]} libraries traced to their packages"
exit $failed
