#!/usr/bin/env bash
# The README's test command: installs what the build and the tests need (Debian packages),
# builds with warnings as errors, runs the whole suite with CTest (which includes building the
# Debian package and testing it in a fresh Debian 12 root and a systemd-nspawn container,
# tests/deploy/), then runs it again built with AddressSanitizer and UndefinedBehaviorSanitizer.
#   deploy/test.sh               everything
#   deploy/test.sh --no-sanitize skip the sanitizer pass (quicker, for a developer's loop)
set -euo pipefail
cd "$(dirname "$0")/.."

sanitize=1
[[ "${1:-}" == "--no-sanitize" ]] && sanitize=0

deploy/install-deps.sh
jobs=$(nproc)

run_suite() {  # build dir, extra cmake args...
  local dir=$1; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGATECAST_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  (cd "$dir" && ctest --output-on-failure -j "$jobs" --timeout 900)
}

# Line tables (-g1) are all a failing test's backtrace and the sanitizers' reports need; full
# debug information made each compile a quarter to a third slower, sanitized or not (measured
# on a library file and a test file). The debug level changes no code and no warning.
line_tables=("-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG")

echo "== build and test (-Wall -Wextra -Werror)"
run_suite build "${line_tables[@]}"
if ((sanitize)); then
  echo "== build and test with ASan+UBSan"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_suite build-sanitize "${line_tables[@]}" -DGATECAST_SANITIZE=ON -DGATECAST_BENCH=OFF \
    -DGATECAST_PACKAGE_TESTS=OFF
fi
