#!/usr/bin/env bash
# The command line as Debian users expect it: `gatecast help COMMAND` and `gatecast COMMAND
# --help` print the same help and exit 0 for every command; every command and option the help
# names is in the man page (docs/gatecast.1, which man renders without warnings) and in the
# bash completion (deploy/bash-completion/gatecast), which bash loads and which completes them.
#   tests/deploy/check_help.sh GATECAST_BINARY SOURCE_DIR
set -euo pipefail
gatecast=${1:?usage: check_help.sh GATECAST_BINARY SOURCE_DIR}
src=${2:?usage: check_help.sh GATECAST_BINARY SOURCE_DIR}
for tool in man bash; do
  command -v "$tool" >/dev/null || { echo "check_help: $tool is missing" >&2; exit 1; }
done
[[ -f /usr/share/bash-completion/bash_completion ]] || { echo "check_help: bash-completion is missing" >&2; exit 1; }

failed=0
fail() { echo "check_help: $*" >&2; failed=1; }

overview=$("$gatecast" help) || fail "gatecast help exits $?"
commands=$(sed -n 's/^  gatecast \([a-z]*\).*/\1/p' <<<"$overview")
[[ $(wc -w <<<"$commands") -ge 11 ]] || fail "gatecast help lists only: $commands"

page=$(MANWIDTH=200 man --warnings -l "$src/docs/gatecast.1" 2>/tmp/gatecast-man-warnings.$$) || fail "man cannot render docs/gatecast.1"
if [[ -s /tmp/gatecast-man-warnings.$$ ]]; then
  fail "man warns about docs/gatecast.1: $(cat /tmp/gatecast-man-warnings.$$)"
fi
rm -f /tmp/gatecast-man-warnings.$$

# What bash would offer after "gatecast WORDS... CUR".
complete_words() {
  bash -c 'source /usr/share/bash-completion/bash_completion; source "$1"; shift
           COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
           _gatecast; printf "%s\n" "${COMPREPLY[@]}"' _ "$src/deploy/bash-completion/gatecast" "$@"
}
[[ $(complete_words gatecast "") == *status* ]] || fail "bash completion offers no commands"

for command in $commands; do
  by_help=$("$gatecast" help "$command") || fail "gatecast help $command exits $?"
  by_flag=$("$gatecast" "$command" --help) || fail "gatecast $command --help exits $?"
  [[ "$by_help" == "$by_flag" ]] || fail "gatecast help $command and gatecast $command --help differ"
  [[ "$by_help" == "usage: gatecast $command"* ]] || fail "gatecast help $command: no usage line"
  grep -q "^       $command\b" <<<"$page" || fail "the man page does not describe $command"
  offered=$(complete_words gatecast "$command" --)
  for option in $(grep -o -- '--[a-z-]*' <<<"$by_help" | sort -u); do
    [[ "$option" == --help ]] && continue
    grep -q -- "$option" <<<"$page" || fail "the man page does not mention $command $option"
    grep -qx -- "$option" <<<"$offered" || fail "bash completion does not offer $command $option"
  done
done
"$gatecast" help no-such-command >/dev/null 2>&1 && fail "gatecast help no-such-command exits 0"
exit $failed
