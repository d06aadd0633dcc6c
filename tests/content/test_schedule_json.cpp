// The schedule and screen blocks read strictly: good forms, and every kind of bad one
// refused with the manifest's name and the JSON path in the message.
#include <catch2/catch.hpp>

#include "content/base/error.hpp"
#include "content/manifest/schedule_json.hpp"

using namespace gatecast;
using namespace gatecast::content;
using nlohmann::json;

namespace {

scheduler::Schedule schedule_of(const std::string& text) {
  return parse_schedule(json::parse(text), "schedule", "manifest.json");
}

// The message of the Error a bad schedule raises ("" when none).
std::string schedule_error(const std::string& text) {
  try {
    (void)schedule_of(text);
  } catch (const Error& e) {
    CHECK(e.kind() == Outcome::rejected);
    CHECK(e.subject() == "manifest.json");
    return e.problem();
  }
  return "";
}

std::string entry_error(const std::string& entry) {
  return schedule_error(R"({"entries": [)" + entry + "]}");
}

}  // namespace

TEST_CASE("a full schedule is read into entries", "[content][schedule_json]") {
  const auto s = schedule_of(R"({
    "default": "day",
    "entries": [
      {"playlist": "night", "window": ["19:00", "05:30"], "priority": 10},
      {"playlist": "festival", "from": "2027-01-25", "until": "2027-02-05", "priority": 20,
       "weekdays": ["sat", "sun"]},
      {"playlist": "gate-closed", "starts": "2026-11-30 10:00", "ends": "2026-12-01T14:30:15",
       "priority": 100, "interrupt": true},
      {"playlist": "late", "window": ["22:00", "24:00"]},
      {"playlist": "all", "window": ["00:00", "24:00"]}
    ]})");
  CHECK(s.default_playlist == "day");
  REQUIRE(s.entries.size() == 5);
  CHECK(s.entries[0].window == scheduler::DailyWindow{{19 * 3600}, {5 * 3600 + 1800}});
  CHECK(s.entries[0].priority == 10);
  CHECK_FALSE(s.entries[0].interrupt);
  CHECK(s.entries[1].from == scheduler::LocalDate{2027, 1, 25});
  CHECK(s.entries[1].until == scheduler::LocalDate{2027, 2, 5});
  CHECK(s.entries[1].weekdays == ((1u << 5) | (1u << 6)));
  CHECK(s.entries[2].interrupt);
  CHECK(s.entries[2].starts == scheduler::LocalDateTime{{2026, 11, 30}, {36000}});
  CHECK(s.entries[2].ends == scheduler::LocalDateTime{{2026, 12, 1}, {14 * 3600 + 30 * 60 + 15}});
  CHECK(s.entries[3].window->end.seconds == 86400);
  CHECK(s.entries[4].window == scheduler::DailyWindow{{0}, {86400}});
  CHECK(schedule_of("{}").entries.empty());
  CHECK(schedule_of(R"({"default": ""})").default_playlist.empty());
}

TEST_CASE("bad schedule entries are refused naming the JSON path", "[content][schedule_json]") {
  struct Bad {
    const char* entry;
    const char* message;
  };
  const Bad cases[] = {
      {R"({"playlist": "a", "colour": "red"})", "schedule.entries[0].colour: unknown key"},
      {R"({"playlist": "a", "window": ["25:00", "05:00"]})", "schedule.entries[0].window: start \"25:00\""},
      {R"({"playlist": "a", "window": ["19:00", "24:30"]})", "schedule.entries[0].window: end \"24:30\""},
      {R"({"playlist": "a", "window": ["24:00", "05:00"]})", "schedule.entries[0].window: start \"24:00\""},
      {R"({"playlist": "a", "window": ["19:00", "19:00"]})", "schedule.entries[0].window: is empty"},
      {R"({"playlist": "a", "window": ["19:00"]})", "schedule.entries[0].window: expected ["},
      {R"({"playlist": "a", "window": "19:00-20:00"})", "schedule.entries[0].window: expected ["},
      {R"({"playlist": "a", "window": [1900, 2000]})", "schedule.entries[0].window: expected ["},
      {R"({"playlist": "a", "from": "2027-02-29"})", "schedule.entries[0].from: expected a real date"},
      {R"({"playlist": "a", "from": "2027-13-01"})", "schedule.entries[0].from: expected a real date"},
      {R"({"playlist": "a", "until": 20270101})", "schedule.entries[0].until: expected a string"},
      {R"({"playlist": "a", "from": "2027-01-02", "until": "2027-01-02"})",
       "schedule.entries[0].until: must be a later day"},
      {R"({"playlist": "a", "from": "2027-01-03", "until": "2027-01-02"})",
       "schedule.entries[0].until: must be a later day"},
      {R"({"playlist": "a", "starts": "2027-01-03 10:00", "ends": "2027-01-03 10:00"})",
       "schedule.entries[0].ends: must be later"},
      {R"({"playlist": "a", "starts": "2027-01-03 25:00"})",
       "schedule.entries[0].starts: expected a local date"},
      {R"({"playlist": "a", "weekdays": ["mon", "funday"]})",
       "schedule.entries[0].weekdays[1]: unknown weekday"},
      {R"({"playlist": "a", "weekdays": ["mon", "mon"]})",
       "schedule.entries[0].weekdays[1]: weekday \"mon\" is listed twice"},
      {R"({"playlist": "a", "weekdays": []})", "schedule.entries[0].weekdays: expected a non-empty array"},
      {R"({"playlist": "a", "weekdays": "weekend"})",
       "schedule.entries[0].weekdays: expected a non-empty array"},
      {R"({"playlist": "a", "priority": 1001})", "schedule.entries[0].priority: must be"},
      {R"({"playlist": "a", "priority": -1})", "schedule.entries[0].priority: must be"},
      {R"({"playlist": "a", "priority": 1.5})", "schedule.entries[0].priority: expected a whole number"},
      {R"({"playlist": "a", "interrupt": "yes"})", "schedule.entries[0].interrupt: expected true or false"},
      {R"({"window": ["19:00", "20:00"]})", "schedule.entries[0].playlist: is missing"},
      {R"({"playlist": ""})", "schedule.entries[0].playlist: expected a playlist name"},
      {R"({"playlist": "../etc"})", "schedule.entries[0].playlist: expected a playlist name"},
      {R"({"playlist": 7})", "schedule.entries[0].playlist: expected a playlist name"},
      {R"("night")", "schedule.entries[0]"},
  };
  for (const Bad& bad : cases) {
    INFO(bad.entry);
    const std::string message = entry_error(bad.entry);
    CHECK_THAT(message, Catch::Matchers::StartsWith(bad.message));
  }
  CHECK_THAT(schedule_error(R"({"entries": {}})"),
             Catch::Matchers::StartsWith("schedule.entries: expected an array"));
  CHECK_THAT(schedule_error(R"({"default": 3})"),
             Catch::Matchers::StartsWith("schedule.default: expected a playlist"));
  CHECK_THAT(schedule_error(R"({"entrys": []})"),
             Catch::Matchers::StartsWith("schedule.entrys: unknown key"));
  CHECK_THAT(schedule_error(R"([])"), Catch::Matchers::StartsWith("schedule"));
  // The second entry is the bad one, and the path says so.
  CHECK_THAT(entry_error(R"({"playlist": "a"}, {"playlist": "b", "priority": "high"})"),
             Catch::Matchers::StartsWith("schedule.entries[1].priority"));
}

TEST_CASE("an oversized schedule is refused before it is read", "[content][schedule_json]") {
  json entries = json::array();
  for (int i = 0; i < 1001; ++i) entries.push_back({{"playlist", "a"}});
  try {
    (void)parse_schedule(json{{"entries", entries}}, "schedule", "manifest.json");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK_THAT(e.problem(), Catch::Matchers::Contains("at most 1000"));
  }
}

TEST_CASE("the screen block is read strictly", "[content][schedule_json]") {
  const auto policy = parse_screen_policy(json::parse(R"({"on": ["05:30", "23:30"],
      "dim": {"window": ["19:00", "05:30"], "level": 0.6}})"),
                                          "screen", "m.json");
  CHECK(policy.on_hours == scheduler::DailyWindow{{5 * 3600 + 1800}, {23 * 3600 + 1800}});
  CHECK(policy.dim_hours == scheduler::DailyWindow{{19 * 3600}, {5 * 3600 + 1800}});
  CHECK(policy.dim_level == 0.6);
  CHECK_FALSE(parse_screen_policy(json::object(), "screen", "m.json").on_hours);
  auto screen_error = [](const std::string& text) -> std::string {
    try {
      (void)parse_screen_policy(json::parse(text), "screen", "m.json");
    } catch (const Error& e) {
      return e.problem();
    }
    return "";
  };
  CHECK_THAT(screen_error(R"({"on": ["05:30", "25:00"]})"), Catch::Matchers::StartsWith("screen.on: end"));
  CHECK_THAT(screen_error(R"({"dim": {"window": ["19:00", "05:30"], "level": 1.5}})"),
             Catch::Matchers::StartsWith("screen.dim.level"));
  CHECK_THAT(screen_error(R"({"dim": {"window": ["19:00", "05:30"]}})"),
             Catch::Matchers::StartsWith("screen.dim.level: is missing"));
  CHECK_THAT(screen_error(R"({"dim": {"level": 0.5}})"),
             Catch::Matchers::StartsWith("screen.dim.window: is missing"));
  CHECK_THAT(screen_error(R"({"dim": {"window": ["19:00", "05:30"], "level": 0.5, "x": 1}})"),
             Catch::Matchers::StartsWith("screen.dim.x: unknown key"));
  CHECK_THAT(screen_error(R"({"off": ["23:30", "05:30"]})"),
             Catch::Matchers::StartsWith("screen.off: unknown key"));
}
