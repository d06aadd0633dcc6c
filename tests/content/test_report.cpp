// Proof-of-play reports: sums per local day, screen, playlist and asset from play logs
// written by PlayLog, each record counted once, hostile lines skipped and counted.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "content/reports/playlog.hpp"
#include "content/reports/report.hpp"
#include "content/base/rfc3339.hpp"
#include "scheduler/calendar.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::content;

namespace {

PlayRecord play(const std::string& start, int seconds, const std::string& playlist,
                std::vector<std::string> assets, const std::string& screen = "langson/huunghi/1") {
  PlayRecord p;
  p.screen = screen;
  p.channel = "langson";
  p.version = 3;
  p.playlist = playlist;
  p.assets = std::move(assets);
  p.start = parse_rfc3339(start, "test");
  p.end = p.start + std::chrono::seconds(seconds);
  return p;
}

ReportOptions options_for(const std::filesystem::path& dir, const char* from, const char* to) {
  ReportOptions o;
  o.log_dir = dir;
  o.from = *scheduler::parse_local_date(from);
  o.to = *scheduler::parse_local_date(to);
  o.zone = scheduler::TimeZone::fixed("Asia/Ho_Chi_Minh", 7 * 3600);
  return o;
}

const ReportRow* find_row(const Report& r, const std::string& day, const std::string& playlist,
                          const std::string& asset) {
  for (const auto& row : r.rows) {
    if (row.day == day && row.playlist == playlist && row.asset == asset) return &row;
  }
  return nullptr;
}

void append(const std::filesystem::path& file, const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::app | std::ios::binary) << text;
}

}  // namespace

TEST_CASE("report: plays and seconds per local day, playlist and asset", "[report]") {
  test::TempDir dir;
  {
    auto log = PlayLog::open(dir.path());
    (void)log->record(play("2026-11-25T01:00:00Z", 12, "day", {"gate", "logo"}));
    (void)log->record(play("2026-11-25T01:00:12Z", 8, "day", {"market", "logo", "logo"}));
    // 17:30 UTC is 00:30 the next day in Lang Son: counted on 2026-11-26.
    (void)log->record(play("2026-11-25T17:30:00Z", 10, "night", {"gate"}));
    // Outside the range.
    (void)log->record(play("2026-11-27T03:00:00Z", 10, "day", {"gate"}));
  }
  const Report r = build_report(options_for(dir.path(), "2026-11-25", "2026-11-26"));
  CHECK(r.records == 3);
  CHECK(r.skipped_lines == 0);
  const ReportRow* day_total = find_row(r, "2026-11-25", "day", "");
  REQUIRE(day_total);
  CHECK(day_total->plays == 2);
  CHECK(day_total->shown == std::chrono::seconds(20));
  const ReportRow* logo = find_row(r, "2026-11-25", "day", "logo");
  REQUIRE(logo);
  CHECK(logo->plays == 2);  // twice on one slide still counts once for that slide
  CHECK(logo->shown == std::chrono::seconds(20));
  REQUIRE(find_row(r, "2026-11-26", "night", "gate"));
  CHECK(find_row(r, "2026-11-26", "night", "gate")->plays == 1);
  CHECK_FALSE(find_row(r, "2026-11-27", "day", ""));

  const std::string csv = report_csv(r);
  CHECK(csv.rfind("day,screen,channel,playlist,asset,plays,seconds\n", 0) == 0);
  CHECK_THAT(csv, Catch::Contains("2026-11-25,langson/huunghi/1,langson,day,logo,2,20.000\n"));
  const auto j = nlohmann::json::parse(report_json(r, options_for(dir.path(), "2026-11-25", "2026-11-26")));
  CHECK(j["records"] == 3);
  CHECK(j["rows"].size() == r.rows.size());
}

TEST_CASE("report: copies of a log count once, hostile lines are skipped and counted", "[report]") {
  test::TempDir dir;
  {
    auto log = PlayLog::open(dir.path() / "screen1");
    (void)log->record(play("2026-11-25T01:00:00Z", 12, "day", {"gate"}));
    (void)log->record(play("2026-11-25T01:00:12Z", 12, "day", {"gate"}));
  }
  // The same log shipped to the server and copied into the report folder again.
  const auto original = dir.path() / "screen1" / "playlog" / "2026-11-25.jsonl";
  append(dir.path() / "dav" / "batch-1.jsonl", test::read_whole(original));
  append(original, "{\"id\":\"x\"}\nnot json at all\n" + std::string(100000, 'z') + "\n\xff\xfe\n");
  append(original, "{\"half\":");  // torn at the end, no newline

  const Report r = build_report(options_for(dir.path(), "2026-11-01", "2026-11-30"));
  CHECK(r.records == 2);
  CHECK(r.duplicates == 2);
  CHECK(r.skipped_lines == 5);
  CHECK(find_row(r, "2026-11-25", "day", "gate")->plays == 2);
}

TEST_CASE("report: names that a spreadsheet would run are defused", "[report]") {
  Report r;
  r.rows.push_back({"2026-11-25", "=HYPERLINK(\"x\")", "c", "a,b", "+1", 1, std::chrono::milliseconds(1500)});
  const std::string csv = report_csv(r);
  CHECK_THAT(csv, Catch::Contains("\"'=HYPERLINK(\"\"x\"\")\""));
  CHECK_THAT(csv, Catch::Contains(",\"a,b\","));
  CHECK_THAT(csv, Catch::Contains(",'+1,1,1.500\n"));
}

TEST_CASE("report: gatecast report writes the CSV and says what it skipped", "[report]") {
  test::TempDir dir;
  {
    auto log = PlayLog::open(dir.path());
    (void)log->record(play("2026-11-25T01:00:00Z", 12, "day", {"gate"}));
  }
  append(dir.path() / "playlog" / "2026-11-25.jsonl", "garbage\n");
  const auto out = dir.path() / "report.csv";
  auto r = test::gatecast({"report", "--log", (dir.path() / "playlog").string(), "--from", "2026-11-25",
                           "--to", "2026-11-25", "--out", out.string()});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("skipped 1 line"));
  CHECK_THAT(test::read_whole(out),
             Catch::Contains("2026-11-25,langson/huunghi/1,langson,day,gate,1,12.000\n"));

  r = test::gatecast({"report", "--log", dir.path().string(), "--from", "2026-11-25", "--to", "2026-11-25",
                      "--out", (dir.path() / "r.json").string(), "--format", "json"});
  CHECK(r.exit_code == 0);
  CHECK(nlohmann::json::parse(test::read_whole(dir.path() / "r.json"))["records"] == 1);

  CHECK(test::gatecast({"report", "--log", dir.path().string(), "--from", "2026-11-31", "--to", "2026-12-01",
                        "--out", out.string()})
            .exit_code == 2);
  CHECK(test::gatecast({"report", "--log", (dir.path() / "missing").string(), "--from", "2026-11-01", "--to",
                        "2026-11-30", "--out", out.string()})
            .exit_code == 2);
  CHECK(test::gatecast({"report", "--log", dir.path().string(), "--from", "2026-11-01", "--to", "2026-11-30",
                        "--out", out.string(), "--format", "xml"})
            .exit_code == 2);
}
