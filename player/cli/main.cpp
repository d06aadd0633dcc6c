// gatecast: one binary, one subcommand per job (design.md, "Command line"). This is the one
// place where errors become the "gatecast: " line on stderr and an exit code.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "content/error.hpp"
#include "player/cli/commands.hpp"

namespace {

using gatecast::cli::Words;

struct Command {
  const char* name;
  int (*run)(const Words&);
  const char* usage;
};

constexpr Command commands[] = {
    {"keygen", gatecast::cli::cmd_keygen,
     "keygen --out DIR [--no-password | --password-file F | --password-env V]"},
    {"keys", gatecast::cli::cmd_keys, "keys init|add|remove|rotate|set|sign|show ROOT ... (docs/signing.md)"},
    {"pack", gatecast::cli::cmd_pack,
     "pack SRC --out ROOT --channel C --version N [--key K [--password-file F | --password-env V]]"},
    {"sign", gatecast::cli::cmd_sign, "sign ROOT --channel C --key K [--password-file F | --password-env V]"},
    {"verify", gatecast::cli::cmd_verify, "verify ROOT --channel C --pubkey P [--screen ID]"},
    {"install", gatecast::cli::cmd_install, "install SOURCE --config F"},
    {"play", gatecast::cli::cmd_play,
     "play [--config F] [--windowed | --headless [--previews DIR] [--preview-every S]] [--size WxH] "
     "[--exit-after S] [--safe] [--example NAME]"},
    {"render", gatecast::cli::cmd_render, "render --config F --at TIME --out PNG [--size WxH]"},
    {"preview", gatecast::cli::cmd_preview, "preview SRC --out PNG"},
    {"schedule", gatecast::cli::cmd_schedule, "schedule --config F --from TIME --to TIME"},
    {"status", gatecast::cli::cmd_status, "status --config F [--json]"},
    {"report", gatecast::cli::cmd_report, "report --log DIR --from D --to D --out FILE [--format csv|json]"},
};

void print_usage(std::FILE* to) {
  std::fprintf(to, "usage: gatecast COMMAND ...\n");
  for (const Command& c : commands) std::fprintf(to, "  gatecast %s\n", c.usage);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_usage(stderr);
    return static_cast<int>(gatecast::Outcome::usage);
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(stdout);
    return 0;
  }
  if (name == "--version") {
    std::printf("gatecast %s\n", GATECAST_VERSION);
    return 0;
  }
  for (const Command& c : commands) {
    if (name != c.name) continue;
    Words words(argv + 2, argv + argc);
    try {
      return c.run(words);
    } catch (const gatecast::Error& e) {
      std::fprintf(stderr, "gatecast: %s\n", e.what());
      if (e.kind() == gatecast::Outcome::usage) std::fprintf(stderr, "usage: gatecast %s\n", c.usage);
      return static_cast<int>(e.kind());
    } catch (const std::bad_alloc&) {
      std::fprintf(stderr, "gatecast: out of memory\n");
      return static_cast<int>(gatecast::Outcome::runtime);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "gatecast: %s\n", e.what());
      return static_cast<int>(gatecast::Outcome::runtime);
    }
  }
  std::fprintf(stderr, "gatecast: %s: no such command\n", name.c_str());
  print_usage(stderr);
  return static_cast<int>(gatecast::Outcome::usage);
}
