// The manifest's `schedule` and `screen` blocks, read strictly (docs/schedule.md). Every
// problem names the manifest file and the JSON path of the offending value.
#include "content/manifest/schedule_json.hpp"

#include <array>
#include <string_view>

#include "content/base/json_reader.hpp"
#include "scheduler/calendar.hpp"

namespace gatecast::content {

namespace {

using scheduler::DailyWindow;
using scheduler::LocalDate;
using scheduler::LocalDateTime;
using scheduler::TimeOfDay;

constexpr std::size_t max_entries = 1000;
constexpr std::size_t max_name_bytes = 64;

bool is_name(const std::string& name) {
  if (name.empty() || name.size() > max_name_bytes) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string playlist_name(ObjectReader& reader, const std::string& key, bool allow_empty) {
  const nlohmann::json* value = reader.optional(key);
  if (!value) {
    if (allow_empty) return {};
    reader.fail(key, "is missing");
  }
  if (!value->is_string()) reader.fail(key, "expected a playlist name (a string)");
  const auto& name = value->get_ref<const std::string&>();
  if (name.empty() && allow_empty) return name;
  if (!is_name(name)) reader.fail(key, "expected a playlist name of 1-64 characters A-Z a-z 0-9 . _ -");
  return name;
}

std::string text_of(const ObjectReader& reader, const std::string& key, const nlohmann::json& value) {
  if (!value.is_string()) reader.fail(key, "expected a string");
  return value.get<std::string>();
}

LocalDate date_of(const ObjectReader& reader, const std::string& key, const nlohmann::json& value) {
  auto date = scheduler::parse_local_date(text_of(reader, key, value));
  if (!date) reader.fail(key, "expected a real date as YYYY-MM-DD (got " + value.dump() + ")");
  return *date;
}

LocalDateTime date_time_of(const ObjectReader& reader, const std::string& key, const nlohmann::json& value) {
  const std::string text = text_of(reader, key, value);
  if (auto date = scheduler::parse_local_date(text)) return LocalDateTime{*date, TimeOfDay{0}};
  auto when = scheduler::parse_local_date_time(text);
  if (!when)
    reader.fail(key, "expected a local date and time as YYYY-MM-DD HH:MM (got " + value.dump() + ")");
  return *when;
}

// ["HH:MM", "HH:MM"]: end <= start crosses midnight; "24:00" only as the end.
DailyWindow window_of(const ObjectReader& reader, const std::string& key, const nlohmann::json& value) {
  if (!value.is_array() || value.size() != 2 || !value[0].is_string() || !value[1].is_string()) {
    reader.fail(key, "expected [\"HH:MM\", \"HH:MM\"] (start, end)");
  }
  auto start = scheduler::parse_time_of_day(value[0].get<std::string>(), false);
  if (!start) reader.fail(key, "start " + value[0].dump() + " is not a time of day 00:00-23:59");
  auto end = scheduler::parse_time_of_day(value[1].get<std::string>(), true);
  if (!end) reader.fail(key, "end " + value[1].dump() + " is not a time of day 00:00-24:00");
  if (end->seconds == scheduler::seconds_per_day && start->seconds == 0) return DailyWindow{*start, *end};
  if (end->seconds % scheduler::seconds_per_day == start->seconds) {
    reader.fail(key, "is empty (start equals end; use [\"00:00\", \"24:00\"] for all day)");
  }
  return DailyWindow{*start, *end};
}

scheduler::WeekdayMask weekdays_of(const ObjectReader& reader, const std::string& key,
                                   const nlohmann::json& value) {
  static constexpr std::array<std::string_view, 7> names{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  if (!value.is_array() || value.empty() || value.size() > 7) {
    reader.fail(key, "expected a non-empty array of weekdays (\"mon\" .. \"sun\")");
  }
  scheduler::WeekdayMask mask = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string item_key = key + "[" + std::to_string(i) + "]";
    const std::string name = text_of(reader, item_key, value[i]);
    std::size_t day = 0;
    while (day < names.size() && names[day] != name) ++day;
    if (day == names.size())
      reader.fail(item_key, "unknown weekday \"" + name + "\" (use mon tue wed thu fri sat sun)");
    const auto bit = static_cast<scheduler::WeekdayMask>(1u << day);
    if (mask & bit) reader.fail(item_key, "weekday \"" + name + "\" is listed twice");
    mask = static_cast<scheduler::WeekdayMask>(mask | bit);
  }
  return mask;
}

scheduler::Entry entry_of(const nlohmann::json& value, const std::string& path, const std::string& subject) {
  ObjectReader reader(value, path, subject);
  scheduler::Entry entry;
  entry.playlist = playlist_name(reader, "playlist", false);
  if (auto* v = reader.optional("from")) entry.from = date_of(reader, "from", *v);
  if (auto* v = reader.optional("until")) entry.until = date_of(reader, "until", *v);
  if (entry.from && entry.until && *entry.from >= *entry.until) {
    reader.fail("until", "must be a later day than `from` (`until` is the first day it no longer plays)");
  }
  if (auto* v = reader.optional("starts")) entry.starts = date_time_of(reader, "starts", *v);
  if (auto* v = reader.optional("ends")) entry.ends = date_time_of(reader, "ends", *v);
  if (entry.starts && entry.ends && *entry.starts >= *entry.ends) {
    reader.fail("ends", "must be later than `starts`");
  }
  if (auto* v = reader.optional("weekdays")) entry.weekdays = weekdays_of(reader, "weekdays", *v);
  if (auto* v = reader.optional("window")) entry.window = window_of(reader, "window", *v);
  entry.priority = static_cast<int>(reader.integer_or("priority", scheduler::min_priority,
                                                      scheduler::max_priority, scheduler::min_priority));
  entry.interrupt = reader.boolean_or("interrupt", false);
  reader.finish();
  return entry;
}

}  // namespace

scheduler::Schedule parse_schedule(const nlohmann::json& value, const std::string& path,
                                   const std::string& subject) {
  ObjectReader reader(value, path, subject);
  scheduler::Schedule schedule;
  schedule.default_playlist = playlist_name(reader, "default", true);
  if (const nlohmann::json* entries = reader.optional("entries")) {
    if (!entries->is_array()) reader.fail("entries", "expected an array of entries");
    if (entries->size() > max_entries) {
      reader.fail(Reason::limit, "entries",
                  "has " + std::to_string(entries->size()) + " entries; at most " +
                      std::to_string(max_entries) + " are allowed");
    }
    const std::string entries_path = reader.path_of("entries");
    for (std::size_t i = 0; i < entries->size(); ++i) {
      schedule.entries.push_back(
          entry_of((*entries)[i], join_path(entries_path, "[" + std::to_string(i) + "]"), subject));
    }
  }
  reader.finish();
  return schedule;
}

scheduler::ScreenPolicy parse_screen_policy(const nlohmann::json& value, const std::string& path,
                                            const std::string& subject) {
  ObjectReader reader(value, path, subject);
  scheduler::ScreenPolicy policy;
  if (auto* v = reader.optional("on")) policy.on_hours = window_of(reader, "on", *v);
  if (const nlohmann::json* dim = reader.optional("dim")) {
    ObjectReader dim_reader(*dim, reader.path_of("dim"), subject);
    policy.dim_hours = window_of(dim_reader, "window", dim_reader.required("window"));
    policy.dim_level = dim_reader.number("level", 0.0, 1.0);
    dim_reader.finish();
  }
  reader.finish();
  return policy;
}

}  // namespace gatecast::content
