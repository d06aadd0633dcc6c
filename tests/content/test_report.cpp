// The report's engine on small, hand-made trees: periods, the screen's own log read with
// --accept-unsigned, and every kind of hostile input (torn, oversized, malformed, forged
// chains, wrong labels), each flagged as its own row and never counted as proof.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "content/base/rfc3339.hpp"
#include "content/reports/playlog.hpp"
#include "content/reports/report.hpp"
#include "content/reports/report_period.hpp"
#include "content/reports/report_sheets.hpp"
#include "report_fixture.hpp"
#include "scheduler/calendar.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::content;
using test::ScreenLog;

namespace {

const char* kScreen = "langson/huunghi/1";

ReportOptions options_for(std::vector<std::filesystem::path> dirs, const char* period = "2026-Q4") {
  ReportOptions o;
  o.log_dirs = std::move(dirs);
  o.period = *parse_report_period(period);
  o.zone = scheduler::TimeZone::fixed("Asia/Ho_Chi_Minh", 7 * 3600);
  return o;
}

// Ten one-minute plays from 2026-11-25 08:00 local.
ScreenLog ten_plays(const std::string& log_id = "0123456789abcdef") {
  ScreenLog log(kScreen, log_id);
  const Instant t0 = parse_rfc3339("2026-11-25T01:00:00Z", "test");
  for (int i = 0; i < 10; ++i)
    log.add(test::play_at(kScreen, t0 + std::chrono::minutes(i), std::chrono::minutes(1), {"gate"}));
  return log;
}

std::size_t rows_with(const Report& r, IntegrityProblem problem) {
  return static_cast<std::size_t>(std::count_if(r.integrity.begin(), r.integrity.end(),
                                                [&](const auto& row) { return row.problem == problem; }));
}

const IntegrityRow* row_with(const Report& r, IntegrityProblem problem) {
  for (const auto& row : r.integrity)
    if (row.problem == problem) return &row;
  return nullptr;
}

std::string body_of(const ScreenLog& log) {
  std::string body;
  for (const auto& l : log.lines) body += l + "\n";
  return body;
}

// One signed batch of `log` (with its heartbeat carrying the key) under root.
void ship(const ScreenLog& log, const std::filesystem::path& root) {
  log.write_batches(root, 1000);
  log.write_heartbeat(root, parse_rfc3339("2026-11-25T00:00:00Z", "test"), "06:00-23:00");
}

std::filesystem::path only_batch(const std::filesystem::path& root) {
  for (const auto& e : std::filesystem::recursive_directory_iterator(root))
    if (e.path().extension() == ".jsonl") return e.path();
  throw std::runtime_error("no batch");
}

}  // namespace

TEST_CASE("report: periods name a quarter, a half-year or a year", "[report]") {
  auto q = parse_report_period("2026-Q4");
  REQUIRE(q);
  CHECK(scheduler::format_date(q->from) == "2026-10-01");
  CHECK(scheduler::format_date(q->to) == "2026-12-31");
  CHECK(scheduler::format_date(parse_report_period("2028-Q1")->to) == "2028-03-31");
  CHECK(scheduler::format_date(parse_report_period("2026-H2")->from) == "2026-07-01");
  CHECK(scheduler::format_date(parse_report_period("2026-H1")->to) == "2026-06-30");
  CHECK(scheduler::format_date(parse_report_period("2026")->to) == "2026-12-31");
  CHECK(quarter_of({2026, 11, 30}).label == "2026-Q4");
  for (const char* bad :
       {"", "2026-Q5", "2026-Q0", "2026-H3", "26-Q1", "2026Q4", "2026-q4", "2026-Q44", "１２３４"})
    CHECK_FALSE(parse_report_period(bad));
}

TEST_CASE("report: a signed batch counts; plays, items and availability add up", "[report]") {
  test::TempDir root;
  const ScreenLog log = ten_plays();
  ship(log, root.path());
  const Report r = build_report(options_for({root.path()}));
  CHECK(r.integrity.empty());
  REQUIRE(r.screens.size() == 1);
  CHECK(r.screens[0].plays == 10);
  CHECK(r.screens[0].on_screen_ms == 600000);
  CHECK(r.screens[0].playing_seconds == 600);
  // 06:00-23:00, the on-hours its only heartbeat gave, over the whole quarter.
  CHECK(r.screens[0].scheduled_seconds == 92 * 17 * 3600);
  CHECK(r.items.size() == 2);  // the screen's row and the all-screens row
}

TEST_CASE("report: a screen's own unsigned log is flagged, and counted only when asked", "[report]") {
  test::TempDir dir;
  {
    auto log = PlayLog::open(dir.path());
    (void)log->record(test::play_at(kScreen, parse_rfc3339("2026-11-25T01:00:00Z", "t"),
                                    std::chrono::seconds(12), {"gate"}));
    (void)log->record(test::play_at(kScreen, parse_rfc3339("2026-11-25T01:00:12Z", "t"),
                                    std::chrono::seconds(12), {"gate"}));
  }
  auto options = options_for({dir.path() / "playlog"});
  Report r = build_report(options);
  CHECK(r.records == 0);
  CHECK(r.uncounted_records == 2);
  CHECK(rows_with(r, IntegrityProblem::unsigned_file) == 1);
  CHECK(rows_with(r, IntegrityProblem::chain_break) == 0);  // PlayLog chains what it writes
  options.accept_unsigned = true;
  r = build_report(options);
  CHECK(r.records == 2);
  CHECK(rows_with(r, IntegrityProblem::unsigned_file) == 1);  // still said
}

TEST_CASE("report: the play log writer chains across restarts", "[report][playlog]") {
  test::TempDir dir;
  for (int run = 0; run < 3; ++run) {
    auto log = PlayLog::open(dir.path());
    (void)log->record(test::play_at(kScreen,
                                    parse_rfc3339("2026-11-25T01:00:00Z", "t") + std::chrono::minutes(run),
                                    std::chrono::seconds(12), {"gate"}));
  }
  std::ifstream in(dir.path() / "playlog" / "2026-11-25.jsonl");
  std::string line, link = first_record_prev;
  int n = 0;
  while (std::getline(in, line)) {
    LoggedPlay p;
    REQUIRE(parse_play_record_line(line, p));
    CHECK(p.prev == link);
    link = record_link(line);
    ++n;
  }
  CHECK(n == 3);
}

TEST_CASE("report: an edited record breaks the signature and the chain, at that record", "[report]") {
  test::TempDir root;
  const ScreenLog log = ten_plays();
  ship(log, root.path());
  const auto batch = only_batch(root.path());
  std::string text = test::read_whole(batch);
  const auto line_start = text.rfind('\n', text.find("\"seq\":4,")) + 1;  // assets come before seq
  text.replace(text.find("gate", line_start), 4, "fake");
  test::write_file(batch, text);
  const Report r = build_report(options_for({root.path()}));
  CHECK(r.records == 0);
  REQUIRE(row_with(r, IntegrityProblem::bad_signature));
  CHECK(row_with(r, IntegrityProblem::bad_signature)->records == 10);
  REQUIRE(row_with(r, IntegrityProblem::chain_break));
  CHECK(row_with(r, IntegrityProblem::chain_break)->detail == "seq 5");
}

TEST_CASE("report: a forged chain re-signed by another key is foreign; a removed record is a gap",
          "[report]") {
  test::TempDir root;
  ScreenLog log = ten_plays();
  ship(log, root.path());
  // The forger rewrites the batch with a record fewer, re-chains it, signs with their key.
  ScreenLog forged(kScreen, log.log_id);
  LoggedPlay p;
  for (std::size_t i = 0; i < log.lines.size(); ++i) {
    REQUIRE(parse_play_record_line(log.lines[i], p));
    if (i != 6) forged.add(p.play);
  }
  const auto batch = only_batch(root.path());
  test::write_file(batch, body_of(forged));
  test::write_file(batch.string() + ".minisig", forged.signature(body_of(forged), batch.filename().string()));
  Report r = build_report(options_for({root.path()}));
  CHECK(r.records == 0);
  REQUIRE(row_with(r, IntegrityProblem::foreign_key));
  CHECK(row_with(r, IntegrityProblem::foreign_key)->records == 9);

  // Without re-signing, the record simply gone from the screen's batch: a gap and a bad signature.
  std::string text = test::read_whole(batch);
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < log.lines.size(); ++i)
    if (i != 6) kept.push_back(log.lines[i]);
  std::string body;
  for (const auto& l : kept) body += l + "\n";
  test::write_file(batch, body);
  test::write_file(batch.string() + ".minisig", log.signature(body_of(log), batch.filename().string()));
  r = build_report(options_for({root.path()}));
  CHECK(rows_with(r, IntegrityProblem::bad_signature) == 1);
  REQUIRE(row_with(r, IntegrityProblem::seq_gap));
  CHECK(row_with(r, IntegrityProblem::seq_gap)->detail == "seq 7 to 7");
}

TEST_CASE("report: a batch moved to another screen's folder or renamed is flagged", "[report]") {
  test::TempDir root;
  const ScreenLog log = ten_plays();
  ship(log, root.path());
  const auto batch = only_batch(root.path());
  const auto renamed = batch.parent_path() / ("0123456789abcdef-1-10.jsonl");
  std::filesystem::rename(batch, renamed);
  std::filesystem::rename(batch.string() + ".minisig", renamed.string() + ".minisig");
  const Report r = build_report(options_for({root.path()}));
  CHECK(r.records == 0);
  CHECK(rows_with(r, IntegrityProblem::wrong_label) == 1);
}

TEST_CASE("report: hostile files are flagged, not fatal: torn, oversized, malformed, junk signatures",
          "[report]") {
  test::TempDir root;
  const ScreenLog log = ten_plays();
  ship(log, root.path());
  const auto dir = root.path() / test::folder_of(kScreen) / "playlog";
  test::write_file(dir / "torn.jsonl", log.lines[0] + "\n" + log.lines[1].substr(0, 40));
  test::write_file(dir / "junk.jsonl",
                   "not json\n{\"id\":1}\n" + std::string(200000, 'z') + "\n\xff\xfe\n[]\n");
  test::write_file(dir / "junk.jsonl.minisig", std::string(100000, 'A'));
  test::write_file(dir / "big.jsonl", std::string(3u << 20, '\n'));
  test::write_file(dir / "empty.jsonl", "");
  test::write_file(root.path() / test::folder_of(kScreen) / "heartbeat" / "junk.json", "{\"screen\":");
  test::write_file(root.path() / "stray-file.txt", "x");
  ReportLimits limits;
  limits.max_log_file_bytes = 2u << 20;
  const Report r = build_report(options_for({root.path()}), limits);
  CHECK(r.records == 10);  // the good batch still counts
  CHECK(rows_with(r, IntegrityProblem::oversized_file) == 1);
  CHECK(rows_with(r, IntegrityProblem::malformed_lines) == 2);
  CHECK(rows_with(r, IntegrityProblem::bad_signature) == 1);  // junk.jsonl's junk signature
  CHECK(r.malformed_lines >= 6);
}

TEST_CASE("report: CSV cells a spreadsheet would run are neutralised", "[report]") {
  Sheet s{"t", "t", {{"a", CellKind::text, 1}, {"b", CellKind::text, 1}, {"n", CellKind::hours, 1}}, {}, {}};
  s.rows.push_back({std::string("=HYPERLINK(\"x\")"), std::string("a,b"), 1.5});
  s.rows.push_back({std::string("\tcmd"), std::string("@SUM(1)"), 0.0});
  s.rows.push_back({std::string("-2+3"), std::string("\r=1"), 2.0});
  const std::string csv = sheet_csv(s);
  CHECK_THAT(csv, Catch::Contains("\"'=HYPERLINK(\"\"x\"\")\",\"a,b\",1.500\n"));
  CHECK_THAT(csv, Catch::Contains("'\tcmd,'@SUM(1),0.000\n"));
  CHECK_THAT(csv, Catch::Contains("'-2+3,\"'\r=1\",2.000\n"));
}

TEST_CASE("report: gatecast report refuses bad periods, folders and formats with exit 2", "[report]") {
  test::TempDir dir;
  const auto out = (dir.path() / "r.xlsx").string();
  const std::string d = dir.path().string();
  CHECK(test::gatecast({"report", "--log", d, "--period", "2026-Q5", "--out", out}).exit_code == 2);
  CHECK(test::gatecast({"report", "--log", d, "--period", "2026", "--from", "2026-01-01", "--out", out})
            .exit_code == 2);
  CHECK(test::gatecast({"report", "--log", d, "--from", "2026-11-31", "--to", "2026-12-01", "--out", out})
            .exit_code == 2);
  CHECK(test::gatecast({"report", "--log", d, "--from", "2026-12-01", "--to", "2026-11-01", "--out", out})
            .exit_code == 2);
  CHECK(test::gatecast({"report", "--log", d + "/missing", "--period", "2026", "--out", out}).exit_code == 2);
  CHECK(
      test::gatecast({"report", "--log", d, "--period", "2026", "--out", out, "--format", "xml"}).exit_code ==
      2);
  CHECK(test::gatecast({"report", "--log", d, "--period", "2026", "--out", out, "--lang", "fr"}).exit_code ==
        2);
  test::write_file(dir.path() / "keys.txt", "langson/huunghi/1 RWQnotakey\n");
  CHECK(test::gatecast({"report", "--log", d, "--period", "2026", "--out", out, "--screen-keys",
                        (dir.path() / "keys.txt").string()})
            .exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(out));
  CHECK(test::gatecast({"report", "--log", d, "--period", "2026", "--out", out}).exit_code == 0);
  CHECK(std::filesystem::exists(out));
}

TEST_CASE("report: a stick's folder without heartbeats is checked with the office's key for the screen",
          "[report]") {
  test::TempDir stick;
  const ScreenLog log = ten_plays();
  (void)log.write_day_files(stick.path());
  auto options = options_for({stick.path()});
  Report r = build_report(options);
  CHECK(r.records == 0);  // no key known: not proof
  CHECK(rows_with(r, IntegrityProblem::no_screen_key) == 1);
  options.screen_keys[kScreen] = public_key_line(log.key.public_key);
  r = build_report(options);
  CHECK(r.records == 10);
  CHECK(r.integrity.empty());
  REQUIRE(r.screens.size() == 1);
  CHECK(r.screens[0].screen == kScreen);
}

TEST_CASE("report: items are named by their titles, the newest one, in the report's language",
          "[report][titles]") {
  test::TempDir root;
  ScreenLog log(kScreen, "0123456789abcdef");
  const Instant t0 = parse_rfc3339("2026-11-25T01:00:00Z", "test");
  auto play = [&](int minute, std::map<std::string, Title> titles) {
    PlayRecord p = test::play_at(kScreen, t0 + std::chrono::minutes(minute), std::chrono::minutes(1),
                                 {"gate", "logo", "plain"});
    p.titles = std::move(titles);
    log.add(p);
  };
  play(0, {{"gate", {{"vi", "Cổng cũ"}}}});
  play(1, {{"gate", {{"vi", "Cửa khẩu Hữu Nghị"}, {"en", "Huu Nghi gate"}}}, {"logo", {{"zh", "标志"}}}});
  play(2, {});  // an older player's record: counts, names nothing
  ship(log, root.path());
  const Report r = build_report(options_for({root.path()}));
  REQUIRE(r.integrity.empty());
  const auto item = [&](const std::string& screen, const std::string& asset) -> const ItemRow& {
    for (const auto& x : r.items)
      if (x.screen == screen && x.asset == asset) return x;
    FAIL("no item " << asset);
    return r.items.front();
  };
  // The screen's rows, then the totals.
  for (const std::string& screen : std::vector<std::string>{kScreen, ""}) {
    const ItemRow& gate = item(screen, "gate");
    CHECK(gate.plays == 3);
    CHECK(item_title(gate, ReportLanguage::vi) == "Cửa khẩu Hữu Nghị");
    CHECK(item_title(gate, ReportLanguage::en) == "Huu Nghi gate");
    CHECK(item_title(item(screen, "logo"), ReportLanguage::vi) == "标志");    // the only language it has
    CHECK(item_title(item(screen, "plain"), ReportLanguage::en) == "plain");  // no title: the asset's name
  }
  const scheduler::TimeZone zone = scheduler::TimeZone::fixed("Asia/Ho_Chi_Minh", 7 * 3600);
  const auto sheets = report_sheets(r, zone, ReportLanguage::vi);
  const std::string csv = sheet_csv(sheets[1]);
  INFO(csv);
  CHECK(csv.find("Cửa khẩu Hữu Nghị") != std::string::npos);
  CHECK(csv.find(",gate\n") != std::string::npos);  // the asset's name stays, in the last column
  const auto json = nlohmann::json::parse(report_json(r, zone));
  bool found = false;
  for (const auto& x : json["items"])
    if (x["asset"] == "gate" && x["screen"] == kScreen) found = x["title"]["en"] == "Huu Nghi gate";
  CHECK(found);
}

TEST_CASE("report: a slide of text only is an item of its own, named by the slide's title",
          "[report][titles]") {
  test::TempDir root;
  ScreenLog log(kScreen, "0123456789abcdef");
  const Instant t0 = parse_rfc3339("2026-11-25T01:00:00Z", "test");
  auto text_play = [&](int minute, int slide, Title title) {
    PlayRecord p = test::play_at(kScreen, t0 + std::chrono::minutes(minute), std::chrono::minutes(1), {});
    p.slide_index = slide;
    p.slide_title = std::move(title);
    log.add(p);
  };
  text_play(0, 2, {{"vi", "Giờ mở cửa"}, {"en", "Opening hours"}});
  text_play(1, 2, {{"vi", "Giờ mở cửa"}, {"en", "Opening hours"}});
  text_play(2, 4, {});  // an untitled text slide: named by its playlist and number
  PlayRecord bench = test::play_at(kScreen, t0 + std::chrono::minutes(3), std::chrono::minutes(0), {});
  bench.kind = RecordKind::bench;
  bench.slide_index = 2;
  log.add(bench);
  ship(log, root.path());
  const Report r = build_report(options_for({root.path()}));
  REQUIRE(r.integrity.empty());
  const std::string opening = text_slide_item("day", 2);
  CHECK(opening == "day #3");  // numbered from 1, as the office counts slides
  for (const std::string& screen : std::vector<std::string>{kScreen, ""}) {
    INFO("screen '" << screen << "'");
    const ItemRow* titled = nullptr;
    const ItemRow* plain = nullptr;
    for (const auto& x : r.items) {
      if (x.screen != screen) continue;
      if (x.asset == opening) titled = &x;
      if (x.asset == text_slide_item("day", 4)) plain = &x;
    }
    REQUIRE(titled);
    CHECK(titled->plays == 2);
    CHECK(titled->on_screen_ms == 120000);
    CHECK(titled->benched == 1);
    CHECK(item_title(*titled, ReportLanguage::vi) == "Giờ mở cửa");
    CHECK(item_title(*titled, ReportLanguage::en) == "Opening hours");
    REQUIRE(plain);
    CHECK(plain->plays == 1);
    CHECK(item_title(*plain, ReportLanguage::en) == plain->asset);
  }
}
