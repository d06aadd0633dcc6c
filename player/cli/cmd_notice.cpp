// gatecast notice ROOT --channel C --key K (--file F | --id ID --text LANG=TEXT ... | --withdraw ID
//                                           | --refresh)
// An urgent notice in one step at the office (docs/notices.md): the channel's notices as
// published, plus the new one (or minus the withdrawn one, or unchanged for a refresh), become
// an authoring document that `pack` itself checks (fonts cover every character, every text
// fits), signs and publishes as the next version of the alerts channel.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <system_error>

#include "content/base/error.hpp"
#include "content/base/publish_tree.hpp"
#include "content/base/regular_file.hpp"
#include "content/base/timezone.hpp"
#include "content/manifest/manifest_json.hpp"
#include "content/publish/notice.hpp"
#include "player/cli/args.hpp"
#include "player/cli/commands.hpp"
#include "player/cli/pack_checked.hpp"
#include "player/cli/password.hpp"
#include "scheduler/calendar.hpp"

namespace gatecast::cli {

namespace {

constexpr std::size_t max_file_bytes = 64u << 10;

std::vector<std::string> comma_list(const std::string& option, const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::string item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (item.empty()) fail_usage("--" + option, "has an empty item in '" + text.substr(0, 80) + "'");
    out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// LANG=TEXT, repeated: {"vi": ..., "en": ...}.
content::LocalizedText language_texts(const Args& args, const std::string& option) {
  content::LocalizedText out;
  for (const std::string& value : args.all(option)) {
    const std::size_t eq = value.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == value.size())
      fail_usage("--" + option,
                 "expected LANG=TEXT (vi=\"Cửa khẩu tạm đóng\"), got '" + value.substr(0, 40) + "'");
    out[value.substr(0, eq)] = value.substr(eq + 1);
  }
  return out;
}

scheduler::LocalDateTime local_option(const Args& args, const std::string& option,
                                      const scheduler::TimeZone& zone, scheduler::LocalDateTime fallback) {
  const std::optional<std::string> text = args.option(option);
  if (!text) return fallback;
  if (auto when = scheduler::parse_local_date_time(*text)) return *when;
  fail_usage("--" + option, "expected a local time \"YYYY-MM-DD HH:MM\" in " + zone.name() + ", got '" +
                                text->substr(0, 40) + "'");
}

// The channel's notices as published now (none when nothing is), and the version after it.
content::NoticeSet published(const std::filesystem::path& root, const std::string& channel,
                             std::int64_t& next) {
  const std::filesystem::path file = content::manifest_path(root, channel);
  std::error_code ec;
  next = 1;
  if (!std::filesystem::exists(file, ec)) return {};
  const content::Manifest manifest =
      content::parse_manifest(content::read_regular_file(file, 16u << 20, Outcome::runtime), file.string());
  next = manifest.version + 1;
  return content::notices_of(manifest);
}

}  // namespace

int cmd_notice(const Words& words) {
  const Args args(
      words,
      {"channel", "key", "file", "id", "text", "title", "starts", "ends", "priority", "targets", "languages",
       "timezone", "version", "withdraw", "layout", password_file_option, password_env_option},
      {"refresh"});
  const std::filesystem::path root = args.positional("ROOT");
  const std::string channel = args.required("channel");
  content::check_channel_name(channel, "--channel");
  const std::string key = args.required("key");
  const int modes = int(args.option("file").has_value()) + int(args.option("id").has_value()) +
                    int(args.option("withdraw").has_value()) + int(args.has("refresh"));
  if (modes != 1)
    fail_usage("notice", "give exactly one of --file, --id (with --text), --withdraw or --refresh");
  const scheduler::TimeZone zone =
      content::load_time_zone(args.option("timezone").value_or("Asia/Ho_Chi_Minh"));
  const std::vector<std::string> languages =
      comma_list("languages", args.option("languages").value_or("vi,zh,en"));

  const Instant now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  // The minute now began (a notice shows at once), and the next local midnight.
  scheduler::LocalDateTime local_now = zone.to_local(now);
  local_now.time.seconds -= local_now.time.seconds % 60;
  const scheduler::LocalDateTime day_end =
      zone.to_local(zone.to_utc(scheduler::LocalDateTime{local_now.date, scheduler::TimeOfDay{0}}) +
                    std::chrono::hours(26));
  const content::NoticeDefaults defaults{local_now, {day_end.date, scheduler::TimeOfDay{0}}};

  std::int64_t version = 1;
  content::NoticeSet set = published(root, channel, version);
  const bool nothing_published = version == 1;
  if (args.option("version")) version = parse_version(*args.option("version"));
  std::string what;
  if (const auto file = args.option("file")) {
    const content::NoticeSet given = content::parse_notice_file(
        content::read_regular_file(*file, max_file_bytes, Outcome::usage), *file, defaults);
    if (!given.targets.empty()) set.targets = given.targets;
    if (given.layout) set.layout = given.layout;
    for (const content::Notice& notice : given.notices) {
      content::merge_notice(set, notice);
      what += (what.empty() ? "notice '" : ", '") + notice.id + "'";
    }
  } else if (const auto id = args.option("id")) {
    content::Notice notice;
    notice.id = *id;
    notice.text = language_texts(args, "text");
    notice.title = language_texts(args, "title");
    notice.starts = local_option(args, "starts", zone, defaults.now);
    notice.ends = local_option(args, "ends", zone, defaults.day_end);
    if (const auto priority = args.option("priority")) {
      const bool digits = !priority->empty() && priority->size() <= 4 &&
                          priority->find_first_not_of("0123456789") == std::string::npos;
      if (!digits || std::stoi(*priority) > scheduler::max_priority)
        fail_usage("--priority", "expected a whole number from 0 to 1000");
      notice.priority = std::stoi(*priority);
    }
    content::check_notice(notice, "--id " + notice.id);
    content::merge_notice(set, notice);
    what = "notice '" + notice.id + "'";
  } else if (args.has("refresh")) {
    // The same notices again, with a fresh expiry: a channel left quiet would pass its expiry
    // a week after its last notice, and its screens would report it stale (docs/notices.md).
    if (nothing_published)
      fail_usage("--refresh",
                 "channel " + channel + " in " + root.string() + " has nothing published to refresh");
    what = "the channel's notices again";
  } else {
    const std::string withdrawn = *args.option("withdraw");
    const std::size_t before = set.notices.size();
    std::erase_if(set.notices, [&withdrawn](const content::Notice& n) { return n.id == withdrawn; });
    if (set.notices.size() == before)
      fail_usage("--withdraw",
                 "channel " + channel + " in " + root.string() + " has no notice '" + withdrawn + "'");
    what = "withdrawal of notice '" + withdrawn + "'";
  }
  if (const auto targets = args.option("targets")) set.targets = comma_list("targets", *targets);
  if (const auto layout = args.option("layout")) {
    if (*layout == "builtin") {
      set.layout.reset();
    } else {
      set.layout = nlohmann::json::parse(content::read_regular_file(*layout, max_file_bytes, Outcome::usage),
                                         nullptr, false);
      if (set.layout->is_discarded() || !set.layout->is_object())
        fail_usage(*layout, "is not a JSON layout object (docs/manifest.md, layouts)");
    }
  }
  content::drop_ended(set, local_now);

  // The package stays installable a week past its last notice; a withdrawal for a week.
  std::int64_t days = 7;
  for (const content::Notice& notice : set.notices) {
    const auto ends = zone.to_utc(notice.ends);
    days = std::max<std::int64_t>(
        days, std::chrono::duration_cast<std::chrono::hours>(ends - now).count() / 24 + 8);
  }
  const nlohmann::json document =
      content::notice_document(set, languages, static_cast<int>(std::min<std::int64_t>(days, 3660)));

  // The authoring folder `pack` reads: content.json alone, in a private temporary folder.
  std::string pattern = (std::filesystem::temp_directory_path() / "gatecast-notice-XXXXXX").string();
  if (!mkdtemp(pattern.data())) fail_runtime(Reason::io, pattern, "cannot create a temporary folder");
  const std::filesystem::path src = pattern;
  struct Cleanup {
    std::filesystem::path dir;
    ~Cleanup() {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  } cleanup{src};
  std::ofstream(src / "content.json") << document.dump(2);

  content::PackOptions options;
  options.source = src;
  options.out = root;
  options.channel = channel;
  options.version = version;
  options.key = key;
  options.password = password_source(args);
  options.now = now;
  if (!pack_checked(options)) return static_cast<int>(Outcome::rejected);
  std::printf("published %s: channel %s version %lld in %s, signed\n", what.c_str(), channel.c_str(),
              static_cast<long long>(version), root.c_str());
  for (const content::Notice& notice : set.notices) {
    std::printf("  %s: %s .. %s %s, priority %d\n", notice.id.c_str(),
                scheduler::format_date_time(notice.starts).c_str(),
                scheduler::format_date_time(notice.ends).c_str(), zone.name().c_str(), notice.priority);
  }
  if (set.notices.empty()) std::printf("  no notice: the channel gives the screen back\n");
  return 0;
}

}  // namespace gatecast::cli
