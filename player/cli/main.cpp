// gatecast: one binary, one subcommand per job (design.md, "Command line"). This is the one
// place where errors become the "gatecast: " line on stderr and an exit code.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "content/base/error.hpp"
#include "player/cli/commands.hpp"
#include "player/cli/help.hpp"

namespace {

using gatecast::cli::Words;

struct Command {
  const char* name;
  int (*run)(const Words&);
};

constexpr Command commands[] = {
    {"keygen", gatecast::cli::cmd_keygen},     {"pack", gatecast::cli::cmd_pack},
    {"sign", gatecast::cli::cmd_sign},         {"verify", gatecast::cli::cmd_verify},
    {"install", gatecast::cli::cmd_install},   {"play", gatecast::cli::cmd_play},
    {"render", gatecast::cli::cmd_render},     {"preview", gatecast::cli::cmd_preview},
    {"schedule", gatecast::cli::cmd_schedule}, {"status", gatecast::cli::cmd_status},
    {"report", gatecast::cli::cmd_report},     {"fleet", gatecast::cli::cmd_fleet},
    {"keys", gatecast::cli::cmd_keys},         {"notice", gatecast::cli::cmd_notice},
};

// An error's text as one printable line: messages quote what was read (a config value, a
// file name), and a control character there must neither break the one-line contract nor
// reach the terminal as an escape sequence.
std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return out;
}

void print_error(std::string_view what) {
  std::fprintf(stderr, "gatecast: %s\n", one_line(what).c_str());
}

bool asks_for_help(const Words& words) {
  return std::any_of(words.begin(), words.end(),
                     [](const std::string& w) { return w == "--help" || w == "-h"; });
}

// `gatecast help [COMMAND]`.
int run_help(const Words& words) {
  if (words.empty()) {
    gatecast::cli::print_overview(stdout);
    return 0;
  }
  const auto* help = gatecast::cli::find_command_help(words.front());
  if (!help || words.size() > 1) {
    print_error(words.front() + ": no such command");
    gatecast::cli::print_overview(stderr);
    return static_cast<int>(gatecast::Outcome::usage);
  }
  gatecast::cli::print_command_help(*help, stdout);
  return 0;
}

int run_command(const Command& c, const Words& words) {
  const auto* help = gatecast::cli::find_command_help(c.name);
  if (asks_for_help(words)) {
    gatecast::cli::print_command_help(*help, stdout);
    return 0;
  }
  try {
    return c.run(words);
  } catch (const gatecast::Error& e) {
    print_error(e.what());
    // The usage reminder helps with a mistyped command line (no reason beyond the message);
    // a bad config, key or time zone file is a problem of that file, and one line says it.
    if (e.kind() == gatecast::Outcome::usage && e.reason() == gatecast::Reason::none) {
      std::fprintf(stderr, "usage: gatecast %s\n(gatecast %s --help says more)\n", help->usage, c.name);
    }
    return static_cast<int>(e.kind());
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "gatecast: out of memory\n");
    return static_cast<int>(gatecast::Outcome::runtime);
  } catch (const std::exception& e) {
    print_error(e.what());
    return static_cast<int>(gatecast::Outcome::runtime);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    gatecast::cli::print_overview(stderr);
    return static_cast<int>(gatecast::Outcome::usage);
  }
  const std::string name = argv[1];
  Words words(argv + 2, argv + argc);
  if (name == "--help" || name == "-h" || name == "help") return run_help(words);
  if (name == "--version") {
    std::printf("gatecast %s\n", GATECAST_VERSION);
    return 0;
  }
  for (const Command& c : commands) {
    if (name == c.name) return run_command(c, words);
  }
  print_error(name + ": no such command");
  gatecast::cli::print_overview(stderr);
  return static_cast<int>(gatecast::Outcome::usage);
}
