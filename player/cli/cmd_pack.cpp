// gatecast pack SRC --out ROOT --channel C --version N [--key K]
// The authoring folder becomes (or updates) a publish tree; content/publish/pack.hpp does the work.
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "content/base/error.hpp"
#include "content/publish/pack.hpp"
#include "player/cli/args.hpp"
#include "player/cli/commands.hpp"
#include "player/cli/pack_checked.hpp"
#include "player/cli/password.hpp"
#include "player/cli/progress_line.hpp"
#include "player/render/content_check.hpp"

namespace gatecast::cli {

std::int64_t parse_version(const std::string& text) {
  std::int64_t value = 0;
  const bool digits =
      !text.empty() && text.size() <= 16 && text.find_first_not_of("0123456789") == std::string::npos;
  if (digits) value = std::stoll(text);
  if (!digits || value < 1 || value > (std::int64_t{1} << 53)) {
    fail_usage("--version", "'" + text.substr(0, 40) + "' is not a whole number from 1 to 2^53");
  }
  return value;
}

std::optional<content::PackResult> pack_checked(const content::PackOptions& options) {
  // Long files show a progress line on a terminal; it is wiped before any problem is printed
  // (here, or by main() for a thrown Error, after this frame is gone).
  ProgressLine line(stderr, ::isatty(STDERR_FILENO) == 1);
  content::PackOptions with_progress = options;
  if (!with_progress.progress) {
    with_progress.progress = [&line](const std::filesystem::path& file, const char* step, std::uint64_t done,
                                     std::uint64_t total) { line.update(file, step, done, total); };
  }
  try {
    return content::pack(with_progress, player::check_package_content);
  } catch (const content::ContentProblems& problems) {
    line.clear();
    // The office fixes them all in one go: every problem gets its own line.
    for (const Error& e : problems.problems()) std::fprintf(stderr, "gatecast: %s\n", e.what());
    return std::nullopt;
  }
}

int cmd_pack(const Words& words) {
  const Args args(words, {"out", "channel", "version", "key", password_file_option, password_env_option}, {});
  content::PackOptions options;
  options.source = args.positional("SRC");
  options.out = args.required("out");
  options.channel = args.required("channel");
  options.version = parse_version(args.required("version"));
  if (auto key = args.option("key")) options.key = *key;
  options.password = password_source(args);
  options.now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());

  const std::optional<content::PackResult> packed = pack_checked(options);
  if (!packed) return static_cast<int>(Outcome::rejected);
  const content::PackResult& result = *packed;
  std::uint64_t total = 0;
  for (const auto& [name, asset] : result.manifest.assets) total += asset.size;
  std::printf("packed channel %s version %lld into %s%s\n", options.channel.c_str(),
              static_cast<long long>(options.version), options.out.c_str(),
              options.key ? ", signed" : ", NOT signed");
  std::printf("  assets:    %zu (%llu bytes)\n", result.manifest.assets.size(),
              static_cast<unsigned long long>(total));
  std::printf("  new blobs: %llu (%llu bytes written)\n",
              static_cast<unsigned long long>(result.blobs_written),
              static_cast<unsigned long long>(result.bytes_written));
  return 0;
}

}  // namespace gatecast::cli
