#pragma once
// What `gatecast help`, `gatecast help COMMAND` and `gatecast COMMAND --help` print. The same
// words are in the man page gatecast(1) (docs/gatecast.1); tests/cli/check_help.sh checks that
// every command and option printed here is there too.
#include <cstdio>
#include <span>
#include <string_view>

namespace gatecast::cli {

struct CommandHelp {
  const char* name;
  const char* usage;    // the synopsis after "gatecast "
  const char* summary;  // one line
  const char* details;  // the options, one per line, indented by two spaces
};

[[nodiscard]] std::span<const CommandHelp> command_help();
[[nodiscard]] const CommandHelp* find_command_help(std::string_view name);

// "usage: gatecast COMMAND ..." and one synopsis line per command.
void print_overview(std::FILE* to);
// The usage line, the summary and the options of one command.
void print_command_help(const CommandHelp& help, std::FILE* to);

}  // namespace gatecast::cli
