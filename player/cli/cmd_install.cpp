// gatecast install SOURCE --config F: takes from a publish tree (folder, USB stick or URL)
// every channel the config's sources name, verifies and activates it (content/install/install.hpp).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "content/base/error.hpp"
#include "content/base/publish_tree.hpp"
#include "content/config/config_json.hpp"
#include "content/config/source_settings.hpp"
#include "content/install/install.hpp"
#include "content/store/state.hpp"
#include "player/cli/args.hpp"
#include "player/cli/commands.hpp"

namespace gatecast::cli {

namespace {

using content::Config;
using content::InstallProgress;

// Each channel once, in the config's order; at least one.
std::vector<std::string> channels_to_install(const Config& config) {
  std::vector<std::string> channels = content::configured_channels(config);
  if (channels.empty())
    fail_usage(Reason::schema, config.file.string(), "names no sources: there is no channel to install");
  return channels;
}

std::string megabytes(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return text;
}

// Progress on stderr: every blob when a person watches (a TTY), otherwise a line per 64 MB so
// that a journal is not flooded (and a small install prints only its summary).
class ProgressPrinter {
 public:
  explicit ProgressPrinter(std::string channel) : channel_(std::move(channel)), tty_(::isatty(2) != 0) {}

  void operator()(const InstallProgress& p) {
    if (p.total_blobs == 0) return;
    const bool done = p.done_blobs == p.total_blobs;
    if (tty_) {
      std::fprintf(stderr, "\r%s: blob %zu/%zu, %s of %s%s", channel_.c_str(),
                   std::min(p.done_blobs + 1, p.total_blobs), p.total_blobs, megabytes(p.done_bytes).c_str(),
                   megabytes(p.total_bytes).c_str(), done ? "\n" : "   ");
      std::fflush(stderr);
    } else if (p.done_bytes >= next_report_ || (done && next_report_ > report_every)) {
      std::fprintf(stderr, "%s: %zu/%zu blobs, %s of %s\n", channel_.c_str(), p.done_blobs, p.total_blobs,
                   megabytes(p.done_bytes).c_str(), megabytes(p.total_bytes).c_str());
      next_report_ = p.done_bytes + report_every;
    }
  }

 private:
  std::string channel_;
  bool tty_;
  static constexpr std::uint64_t report_every = 64u << 20;
  std::uint64_t next_report_ = report_every;  // small installs print nothing but the summary
};

bool is_url(const std::string& where) {
  return where.rfind("http://", 0) == 0 || where.rfind("https://", 0) == 0;
}

// A USB stick often carries only some of a screen's channels: from a folder, the channels it
// lacks are skipped with a note, and only a folder with none of them is an error. A server is
// asked for every channel (a missing one there is a fault worth an error).
std::vector<std::string> present_channels(const std::string& where, const content::Source& source,
                                          const std::vector<std::string>& channels) {
  if (is_url(where)) return channels;
  std::vector<std::string> present;
  for (const std::string& channel : channels) {
    std::error_code ec;
    if (std::filesystem::exists(content::manifest_path(source.describe(), channel), ec)) {
      present.push_back(channel);
    } else {
      std::printf("%s: not in %s, skipped\n", channel.c_str(), source.describe().c_str());
    }
  }
  if (present.empty())
    fail_runtime(Reason::not_found, source.describe(), "has none of this screen's channels");
  return present;
}

Instant now() {
  return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

}  // namespace

int cmd_install(const Words& words) {
  const Args args(words, {"config"}, {});
  const std::string& where = args.positional("SOURCE");
  const Config config = content::load_config(config_file(args));
  const std::vector<std::string> channels = channels_to_install(config);
  const Instant started = now();

  Outcome worst = Outcome::ok;
  std::string first_error;
  Reason first_reason = Reason::none;
  try {
    const std::unique_ptr<content::Source> source = content::open_source(where, config);
    for (const std::string& channel : present_channels(where, *source, channels)) {
      try {
        ProgressPrinter printer(channel);
        const content::InstallResult r = content::install_channel(
            *source, channel, config, content::read_system_clocks(), std::ref(printer));
        if (r.time && r.time->clock_wrong()) {
          std::fprintf(stderr, "gatecast: %s\n",
                       content::clock_problem(*r.time, content::read_system_clocks()).c_str());
        }
        if (r.key_set_changed) {
          std::printf("%s: key set version %lld accepted\n", channel.c_str(),
                      static_cast<long long>(r.key_set_version));
        }
        if (r.changed) {
          std::printf("%s: version %lld installed and active (%zu blobs, %s fetched)\n", channel.c_str(),
                      static_cast<long long>(r.version), r.blobs_fetched, megabytes(r.bytes_fetched).c_str());
        } else if (r.repaired) {
          std::printf("%s: version %lld was damaged on disk and is whole again (%zu blobs, %s fetched)\n",
                      channel.c_str(), static_cast<long long>(r.version), r.blobs_fetched,
                      megabytes(r.bytes_fetched).c_str());
        } else {
          std::printf("%s: version %lld already installed, nothing changed\n", channel.c_str(),
                      static_cast<long long>(r.version));
        }
        std::fflush(stdout);
      } catch (const Error& e) {
        if (e.kind() == Outcome::usage) throw;
        std::fprintf(stderr, "gatecast: %s\n", e.what());
        if (first_error.empty()) {
          first_error = e.what();
          first_reason = e.reason();
        }
        worst = std::max(worst, e.kind());
      }
    }
  } catch (const Error& e) {
    if (e.kind() != Outcome::usage) {
      try {
        content::record_failure(config, started, e);
      } catch (const Error&) {
        // The error itself is what the operator needs to see.
      }
    }
    throw;
  }
  try {
    if (worst == Outcome::ok) {
      content::record_success(config, started);
    } else {
      content::record_failure(config, started, first_error, first_reason);
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "gatecast: %s\n", e.what());
  }
  return static_cast<int>(worst);
}

}  // namespace gatecast::cli
