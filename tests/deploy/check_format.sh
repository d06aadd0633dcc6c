#!/usr/bin/env bash
# Every C++ file git tracks is as clang-format (Debian's, with the committed .clang-format)
# writes it, so that merges and quick fixes cannot drift from the style unnoticed.
#   tests/deploy/check_format.sh SOURCE_DIR
set -euo pipefail
src=${1:?usage: check_format.sh SOURCE_DIR}
command -v clang-format >/dev/null || { echo "check_format: clang-format is missing" >&2; exit 1; }
command -v git >/dev/null || { echo "check_format: git is missing" >&2; exit 1; }
cd "$src"
files=$(git ls-files '*.cpp' '*.hpp')
[[ -n $files ]] || { echo "check_format: no C++ files found under $src" >&2; exit 1; }
unformatted=$(xargs clang-format --dry-run 2>&1 <<<"$files" | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: warning.*/\1/p' | sort -u)
if [[ -n $unformatted ]]; then
  echo "check_format: not clang-format clean (run clang-format -i on them):" >&2
  echo "$unformatted" >&2
  exit 1
fi
echo "check_format: $(wc -l <<<"$files") files clean"
