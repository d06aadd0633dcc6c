// gatecast schedule --config F [--from TIME] [--to TIME]: the timeline of the screen in the
// site's local time, every configured channel composed by the scheduler's rule (the one the
// player, `render` and `status` follow), one line per change naming the channel that plays,
// for the office to check before and after publishing. TIME is RFC 3339 with an offset, or a plain local
// "YYYY-MM-DD HH:MM" (or "YYYY-MM-DD") read in the config's time zone. Defaults: from now, for seven days.
#include <chrono>
#include <cstdio>
#include <string>

#include "content/base/error.hpp"
#include "content/base/rfc3339.hpp"
#include "content/base/timezone.hpp"
#include "content/config/config_json.hpp"
#include "content/manifest/now_playing.hpp"
#include "content/store/installed_screen.hpp"
#include "player/cli/args.hpp"
#include "player/cli/commands.hpp"
#include "scheduler/calendar.hpp"

namespace gatecast::cli {

namespace {

constexpr auto longest_range = std::chrono::hours(24 * 366);
constexpr std::size_t max_changes_shown = 20000;

// A local wall-clock time in the site's zone, or an RFC 3339 instant.
Instant parse_time_option(const std::string& option, const std::string& text,
                          const scheduler::TimeZone& zone) {
  if (auto when = scheduler::parse_local_date_time(text)) return zone.to_utc(*when);
  if (auto date = scheduler::parse_local_date(text)) return zone.to_utc({*date, scheduler::TimeOfDay{0}});
  try {
    return content::parse_rfc3339(text, "--" + option, Outcome::usage);
  } catch (const Error&) {
    fail_usage("--" + option,
               "expected RFC 3339 (2026-11-25T19:00:00+07:00) or a local \"YYYY-MM-DD HH:MM\", got \"" +
                   text + "\"");
  }
}

}  // namespace

int cmd_schedule(const Words& words) {
  const Args args(words, {"config", "from", "to"}, {});
  if (!args.positionals().empty()) fail_usage(args.positionals().front(), "unexpected argument");
  const content::Config config = content::load_config(config_file(args));
  const scheduler::TimeZone zone = content::load_time_zone(config.timezone);
  const auto now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  const Instant from = args.option("from") ? parse_time_option("from", *args.option("from"), zone) : now;
  const Instant to = args.option("to")
                         ? parse_time_option("to", *args.option("to"), zone)
                         : from + std::chrono::duration_cast<Duration>(std::chrono::hours(24 * 7));
  if (to <= from) fail_usage("--to", "must be later than --from");
  if (to - from > longest_range)
    fail_usage("--to", "the range is longer than 366 days; ask for a shorter one");

  if (config.sources.empty())
    fail_usage(Reason::schema, config.file.string(), "names no source, so no channel is played");
  const content::InstalledScreen screen = content::load_installed_screen(config);
  if (!screen.anything_installed()) {
    for (const content::InstalledChannel& channel : screen.channels) {
      if (channel.problem) throw *channel.problem;
    }
    std::string names;
    for (const std::string& name : screen.names()) names += (names.empty() ? "" : ", ") + name;
    fail_runtime(Reason::not_found, names, "nothing is installed for this channel");
  }

  for (std::size_t i = 0; i < screen.channels.size(); ++i) {
    const content::InstalledChannel& channel = screen.channels[i];
    const char* hours = i == screen.screen_channel ? " (its screen hours)" : "";
    if (channel.package) {
      std::printf("channel %s, version %lld%s\n", channel.name.c_str(),
                  static_cast<long long>(channel.package->version), hours);
    } else if (channel.problem) {
      std::printf("channel %s: store problem: %s%s\n", channel.name.c_str(), channel.problem->what(), hours);
    } else {
      std::printf("channel %s: nothing installed%s\n", channel.name.c_str(), hours);
    }
  }
  std::printf("time zone %s\n", zone.name().c_str());
  std::printf("from %s to %s\n", content::format_local(from, zone).c_str(),
              content::format_local(to, zone).c_str());
  const scheduler::Composition composition = content::compose_screen(screen, zone);
  for (const std::string& line :
       content::timeline_lines(composition, screen.names(), from, to, max_changes_shown)) {
    std::printf("%s\n", line.c_str());
  }
  return 0;
}

}  // namespace gatecast::cli
