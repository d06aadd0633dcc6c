#pragma once
// Urgent notices as the office types them (`gatecast notice`, docs/notices.md), and the
// authoring document they become: one playlist per notice (a slide with a heading and the
// text in every language), one interrupt entry per notice from its start to its end, and the
// built-in notice layout. The package is then packed, checked and signed by `pack` itself.
// The notices of a channel are read back from its published manifest, so that the next
// notice (or a withdrawal) publishes the others again unchanged.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "content/manifest/manifest.hpp"
#include "scheduler/schedule.hpp"
#include "scheduler/timezone.hpp"

namespace gatecast::content {

inline constexpr int default_notice_priority = 500;

struct Notice {
  std::string id;       // [a-z0-9][a-z0-9._-]{0,47}; the playlist is "notice-<id>"
  LocalizedText title;  // the heading per language; empty = the built-in one
  LocalizedText text;   // the notice per language
  scheduler::LocalDateTime starts;
  scheduler::LocalDateTime ends;  // after starts
  int priority = default_notice_priority;
  bool operator==(const Notice&) const = default;
};

struct NoticeSet {
  std::vector<std::string> targets;
  std::vector<Notice> notices;
  // The department's own layout (a manifest layout with regions "title" and "body"); none =
  // the built-in one.
  std::optional<nlohmann::json> layout;
};

// What a notice file (or the flags) may leave out, filled in from here.
struct NoticeDefaults {
  scheduler::LocalDateTime now;      // a notice starts now by default ...
  scheduler::LocalDateTime day_end;  // ... and ends at the end of the local day
};

// Parses a notice file: {"targets": [...]?, "layout": {...}?, "notices": [{"id", "text",
// "title"?, "starts"?, "ends"?, "priority"?}]}. Times are local ("2026-11-30 10:00") in the
// site's zone. Error(rejected, subject, "<json path>: <problem>") for anything wrong; unknown
// keys are an error.
[[nodiscard]] NoticeSet parse_notice_file(std::string_view raw, const std::string& subject,
                                          const NoticeDefaults& defaults);

// One notice from its parts (the flags), checked as parse_notice_file checks a file's.
void check_notice(const Notice& notice, const std::string& subject);

// The notices a published manifest carries (its "notice-*" playlists and their interrupt
// entries), its targets and, when it is not the built-in one, its layout.
[[nodiscard]] NoticeSet notices_of(const Manifest& manifest);

// Adds or replaces (same id) `notice`; drops notices that ended before `now`.
void merge_notice(NoticeSet& set, const Notice& notice);
void drop_ended(NoticeSet& set, const scheduler::LocalDateTime& now);

// The authoring document (content.json, docs/manifest.md) for `set`, expiring `expires_days`
// after the pack. Every notice must have text (and a heading, unless built in) in every
// language of `languages`: Error(rejected) names the notice and the language missing.
[[nodiscard]] nlohmann::json notice_document(const NoticeSet& set, const std::vector<std::string>& languages,
                                             int expires_days);

// The built-in layout: 3000 x 1000 (3:1), dark red with an amber heading band across the
// whole width: it fills a 3:1 LED wall, and on a 16:9 screen the bars above and below take
// the same red, so it looks designed on both.
[[nodiscard]] nlohmann::json builtin_notice_layout();

}  // namespace gatecast::content
