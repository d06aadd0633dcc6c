// The schedule and screen blocks read strictly: good forms, and every kind of bad one
// refused with the manifest's name and the JSON path in the message.
#include <catch2/catch.hpp>

#include "content/base/error.hpp"
#include "content/manifest/schedule_json.hpp"
#include "support/refusal.hpp"

using namespace gatecast;
using namespace gatecast::content;
using namespace gatecast::test;
using nlohmann::json;

namespace {

scheduler::Schedule schedule_of(const std::string& text) {
  return parse_schedule(json::parse(text), "schedule", "manifest.json");
}

// The Error a bad schedule raises (the test fails when there is none).
Error schedule_error(const std::string& text) {
  const Error e = error_of([&] { (void)schedule_of(text); });
  CHECK(e.subject() == "manifest.json");
  return e;
}

Error entry_error(const std::string& entry) {
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
    const char* path;  // where the problem is
  };
  const Bad cases[] = {
      {R"({"playlist": "a", "colour": "red"})", "schedule.entries[0].colour"},
      {R"({"playlist": "a", "window": ["25:00", "05:00"]})", "schedule.entries[0].window"},
      {R"({"playlist": "a", "window": ["19:00", "24:30"]})", "schedule.entries[0].window"},
      {R"({"playlist": "a", "window": ["24:00", "05:00"]})", "schedule.entries[0].window"},
      {R"({"playlist": "a", "window": ["19:00", "19:00"]})", "schedule.entries[0].window"},
      {R"({"playlist": "a", "window": ["19:00"]})", "schedule.entries[0].window"},
      {R"({"playlist": "a", "window": "19:00-20:00"})", "schedule.entries[0].window"},
      {R"({"playlist": "a", "window": [1900, 2000]})", "schedule.entries[0].window"},
      {R"({"playlist": "a", "from": "2027-02-29"})", "schedule.entries[0].from"},
      {R"({"playlist": "a", "from": "2027-13-01"})", "schedule.entries[0].from"},
      {R"({"playlist": "a", "until": 20270101})", "schedule.entries[0].until"},
      {R"({"playlist": "a", "from": "2027-01-02", "until": "2027-01-02"})", "schedule.entries[0].until"},
      {R"({"playlist": "a", "from": "2027-01-03", "until": "2027-01-02"})", "schedule.entries[0].until"},
      {R"({"playlist": "a", "starts": "2027-01-03 10:00", "ends": "2027-01-03 10:00"})",
       "schedule.entries[0].ends"},
      {R"({"playlist": "a", "starts": "2027-01-03 25:00"})", "schedule.entries[0].starts"},
      {R"({"playlist": "a", "weekdays": ["mon", "funday"]})", "schedule.entries[0].weekdays[1]"},
      {R"({"playlist": "a", "weekdays": ["mon", "mon"]})", "schedule.entries[0].weekdays[1]"},
      {R"({"playlist": "a", "weekdays": []})", "schedule.entries[0].weekdays"},
      {R"({"playlist": "a", "weekdays": "weekend"})", "schedule.entries[0].weekdays"},
      {R"({"playlist": "a", "priority": 1001})", "schedule.entries[0].priority"},
      {R"({"playlist": "a", "priority": -1})", "schedule.entries[0].priority"},
      {R"({"playlist": "a", "priority": 1.5})", "schedule.entries[0].priority"},
      {R"({"playlist": "a", "interrupt": "yes"})", "schedule.entries[0].interrupt"},
      {R"({"window": ["19:00", "20:00"]})", "schedule.entries[0].playlist"},
      {R"({"playlist": ""})", "schedule.entries[0].playlist"},
      {R"({"playlist": "../etc"})", "schedule.entries[0].playlist"},
      {R"({"playlist": 7})", "schedule.entries[0].playlist"},
      {R"("night")", "schedule.entries[0]"},
  };
  for (const Bad& bad : cases) {
    INFO(bad.entry);
    CHECK_THAT(entry_error(bad.entry), Refused(Reason::schema).at(bad.path));
  }
  CHECK_THAT(schedule_error(R"({"entries": {}})"), Refused(Reason::schema).at("schedule.entries"));
  CHECK_THAT(schedule_error(R"({"default": 3})"), Refused(Reason::schema).at("schedule.default"));
  CHECK_THAT(schedule_error(R"({"entrys": []})"), Refused(Reason::schema).at("schedule.entrys"));
  CHECK_THAT(schedule_error(R"([])"), Refused(Reason::schema).at("schedule"));
  // The second entry is the bad one, and the path says so.
  CHECK_THAT(entry_error(R"({"playlist": "a"}, {"playlist": "b", "priority": "high"})"),
             Refused(Reason::schema).at("schedule.entries[1].priority"));
}

TEST_CASE("an oversized schedule is refused before it is read", "[content][schedule_json]") {
  json entries = json::array();
  for (int i = 0; i < 1001; ++i) entries.push_back({{"playlist", "a"}});
  try {
    (void)parse_schedule(json{{"entries", entries}}, "schedule", "manifest.json");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK_THAT(e, Refused(Reason::limit).about("manifest.json").at("schedule.entries"));
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
  auto screen_error = [](const std::string& text) {
    return error_of([&] { (void)parse_screen_policy(json::parse(text), "screen", "m.json"); });
  };
  CHECK_THAT(screen_error(R"({"on": ["05:30", "25:00"]})"), Refused(Reason::schema).at("screen.on"));
  CHECK_THAT(screen_error(R"({"dim": {"window": ["19:00", "05:30"], "level": 1.5}})"),
             Refused(Reason::schema).at("screen.dim.level"));
  CHECK_THAT(screen_error(R"({"dim": {"window": ["19:00", "05:30"]}})"),
             Refused(Reason::schema).at("screen.dim.level"));
  CHECK_THAT(screen_error(R"({"dim": {"level": 0.5}})"), Refused(Reason::schema).at("screen.dim.window"));
  CHECK_THAT(screen_error(R"({"dim": {"window": ["19:00", "05:30"], "level": 0.5, "x": 1}})"),
             Refused(Reason::schema).at("screen.dim.x"));
  CHECK_THAT(screen_error(R"({"off": ["23:30", "05:30"]})"), Refused(Reason::schema).at("screen.off"));
}
