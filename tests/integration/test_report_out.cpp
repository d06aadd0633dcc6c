// Reporting out against a real nginx WebDAV folder: heartbeats and play-log batches arrive,
// survive the server being down (spooled, then flushed), and a retry never makes a second,
// different record.
#include <catch2/catch.hpp>

#include <set>

#include "content/base/rfc3339.hpp"
#include "content/reports/playlog.hpp"
#include "content/reports/report.hpp"
#include "content/reports/report_out.hpp"
#include "content/reports/screen_key.hpp"
#include "content/store/state.hpp"
#include "scheduler/calendar.hpp"
#include "support/refusal.hpp"
#include "test_sync_fixture.hpp"

using namespace gatecast;
using namespace gatecast::content;
using namespace gatecast::test;

namespace {

Config report_config(const SyncFixture& f, const std::string& report_url) {
  Config c;
  c.screen = f.screen;
  c.data_dir = f.data();
  c.report_url = report_url;
  c.sources = {{"http://127.0.0.1:9/", "langson"}};
  return c;
}

PlayRecord slide_play(int i) {
  PlayRecord p;
  p.screen = "langson/huunghi/1";
  p.channel = "langson";
  p.version = 4;
  p.playlist = "day";
  p.slide_index = i % 5;
  p.assets = {"photo-" + std::to_string(i % 5)};
  p.start = parse_rfc3339("2026-11-25T01:00:00Z", "t") + std::chrono::seconds(10 * i);
  p.end = p.start + std::chrono::seconds(10);
  return p;
}

// Every record id in the WebDAV folder's play-log batches, with how often each appears.
std::multiset<std::string> ids_on_server(const std::filesystem::path& dav_screen) {
  std::multiset<std::string> ids;
  const auto folder = dav_screen / "playlog";
  if (!std::filesystem::exists(folder)) return ids;
  for (const auto& e : std::filesystem::directory_iterator(folder)) {
    std::ifstream in(e.path());
    std::string line;
    LoggedPlay p;
    while (std::getline(in, line)) {
      if (parse_play_record_line(line, p)) ids.insert(p.id);
    }
  }
  return ids;
}

std::size_t files_in(const std::filesystem::path& folder) {
  if (!std::filesystem::exists(folder)) return 0;
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(folder), {}));
}

}  // namespace

TEST_CASE("report out: heartbeat and play log arrive in the WebDAV folder", "[report_out]") {
  SyncFixture f;
  Nginx nginx(f.root());
  const Config config = report_config(f, nginx.dav_url());
  (void)load_or_make_screen_key(f.data());  // as the player does at its first start
  auto log = PlayLog::open(f.data());
  for (int i = 0; i < 3; ++i) (void)log->record(slide_play(i));
  log->flush();

  ReportOut out(config, {});
  const Heartbeat beat =
      current_heartbeat(config, parse_rfc3339("2026-11-25T01:00:30Z", "t"), std::chrono::hours(5));
  CHECK(beat.version == 0);  // nothing installed yet
  CHECK(beat.disk_free_bytes > 0);
  out.spool_heartbeat(beat);
  CHECK(out.spool_play_log() == 3);
  const FlushResult sent = out.flush();
  CHECK(sent.error == "");
  CHECK(sent.sent == 3);  // the batch, its signature, the heartbeat
  CHECK(sent.left == 0);

  const auto screen_dir = nginx.dav_dir() / "langson_huunghi_1";
  const auto heartbeat_file = screen_dir / "heartbeat" / "20261125T010030000Z.json";
  REQUIRE(std::filesystem::exists(heartbeat_file));
  const auto j = nlohmann::json::parse(read_whole(heartbeat_file));
  CHECK(j["screen"] == "langson/huunghi/1");
  CHECK(j["uptime_seconds"] == 5 * 3600);
  CHECK(j["last_error"] == "");
  CHECK(j["last_error_reason"] == "");
  CHECK(ids_on_server(screen_dir).size() == 3);
  // The batch is signed by the screen's own key, which the heartbeat carries: the standard
  // minisign tool agrees.
  const std::string screen_key = j["screen_key"];
  CHECK(screen_key == screen_public_key_line(config.data_dir));
  std::filesystem::path batch;
  for (const auto& e : std::filesystem::directory_iterator(screen_dir / "playlog"))
    if (e.path().extension() == ".jsonl") batch = e.path();
  REQUIRE(std::filesystem::exists(batch.string() + ".minisig"));
  const auto verified = test::run({"minisign", "-V", "-m", batch.string(), "-P", screen_key});
  INFO(verified.err);
  CHECK(verified.exit_code == 0);
  CHECK_THAT(verified.out,
             Catch::Contains("gatecast play log screen:langson/huunghi/1 file:" + batch.filename().string()));
  // Nothing new: nothing more is sent.
  CHECK(out.spool_play_log() == 0);
  CHECK(out.flush().sent == 0);
}

TEST_CASE("report out: the heartbeat carries the last error's reason code", "[report_out]") {
  SyncFixture f;
  const Config config = report_config(f, "http://127.0.0.1:9/reports");
  record_failure(config, parse_rfc3339("2026-11-25T01:00:00Z", "t"),
                 "https://x/channels/langson/manifest.json: manifest expired at 2026-11-20T00:00:00Z",
                 Reason::expired);
  const auto at = parse_rfc3339("2026-11-25T01:00:30Z", "t");
  const Heartbeat beat = current_heartbeat(config, at, std::chrono::minutes(1));
  CHECK(beat.last_error_reason == Reason::expired);
  const auto j = nlohmann::json::parse(heartbeat_json(beat));
  CHECK(j["last_error"] == beat.last_error);
  CHECK(j["last_error_reason"] == "expired");
  record_success(config, at);
  const auto after =
      nlohmann::json::parse(heartbeat_json(current_heartbeat(config, at, std::chrono::minutes(1))));
  CHECK(after["last_error"] == "");
  CHECK(after["last_error_reason"] == "");
}

TEST_CASE("report out: records wait on disk while the server is down, then arrive once", "[report_out]") {
  SyncFixture f;
  Nginx nginx(f.root());
  const Config config = report_config(f, nginx.dav_url());
  auto log = PlayLog::open(f.data());
  ReportOut out(config, {});
  const auto screen_dir = nginx.dav_dir() / "langson_huunghi_1";

  for (int i = 0; i < 4; ++i) (void)log->record(slide_play(i));
  log->flush();
  (void)out.spool_play_log();
  REQUIRE(out.flush().error == "");

  nginx.stop();  // the border link is down for a while
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 5; ++i) (void)log->record(slide_play(10 + round * 5 + i));
    log->flush();
    out.spool_heartbeat(
        current_heartbeat(config, slide_play(10 + round * 5).start, std::chrono::minutes(round)));
    (void)out.spool_play_log();
    const FlushResult failed = out.flush();
    CHECK(failed.sent == 0);
    CHECK_FALSE(failed.error.empty());
    CHECK(failed.left == static_cast<std::size_t>(3 * (round + 1)));  // batch, signature, heartbeat per round
  }

  nginx.start();
  const FlushResult back = out.flush();
  CHECK(back.error == "");
  CHECK(back.sent == 9);
  CHECK(back.left == 0);
  const auto ids = ids_on_server(screen_dir);
  CHECK(ids.size() == 19);
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == 19);  // no record twice
  CHECK(files_in(screen_dir / "heartbeat") == 3);

  // The report over the server's folder counts every play once.
  ReportOptions o;
  o.log_dirs = {nginx.dav_dir()};
  o.period =
      span_period(*scheduler::parse_local_date("2026-11-25"), *scheduler::parse_local_date("2026-11-25"));
  o.zone = scheduler::TimeZone::fixed("Asia/Ho_Chi_Minh", 7 * 3600);
  const Report report = build_report(o);
  CHECK(report.records == 19);
  CHECK(report.duplicates == 0);
  CHECK(report.integrity.empty());  // every batch signed by the key its heartbeats carry
}

TEST_CASE("report out: a retry after a cut rewrites the same record, never a second one", "[report_out]") {
  SyncFixture f;
  Nginx nginx(f.root());
  const Config config = report_config(f, nginx.dav_url());
  auto log = PlayLog::open(f.data());
  ReportOut out(config, {});
  for (int i = 0; i < 6; ++i) (void)log->record(slide_play(i));
  log->flush();
  REQUIRE(out.spool_play_log() == 6);

  // A power cut after the batch was written but before the cursor was: the batch's name
  // still tells what was spooled.
  std::filesystem::remove(out.spool_dir() / "playlog.cursor");
  CHECK(out.spool_play_log() == 0);

  // The PUT arrived but the screen lost power before removing the spool file: keep a copy
  // and put it back, as if the removal never happened.
  std::vector<std::filesystem::path> spooled;
  for (const auto& e : std::filesystem::directory_iterator(out.spool_dir())) {
    const std::string name = e.path().filename().string();
    if (name.rfind("pl-", 0) == 0 && name.ends_with(".jsonl")) spooled.push_back(e.path());
  }
  REQUIRE(spooled.size() == 1);
  const std::string copy = read_whole(spooled[0]);
  REQUIRE(out.flush().sent == 2);  // the batch and its signature
  write_bytes(spooled[0], copy);
  CHECK(out.flush().sent == 1);

  const auto screen_dir = nginx.dav_dir() / "langson_huunghi_1";
  CHECK(files_in(screen_dir / "playlog") == 2);
  CHECK(ids_on_server(screen_dir).size() == 6);
  // nginx said 201 the first time and 204 (replaced) the second, for the same file.
  std::vector<int> put_statuses;
  for (const auto& r : nginx.requests()) {
    if (r.method == "PUT") put_statuses.push_back(r.status);
  }
  CHECK(put_statuses == std::vector<int>{201, 201, 204});
}

TEST_CASE("report out: a report_url that is not http is a usage error", "[report_out]") {
  SyncFixture f;
  CHECK_THROWS_MATCHES(ReportOut(report_config(f, ""), {}), Error, UsageError());
  CHECK_THROWS_MATCHES(ReportOut(report_config(f, "ftp://x/"), {}), Error, UsageError());
}

TEST_CASE("report out: while the link is down only the newest heartbeats are kept", "[report_out]") {
  SyncFixture f;
  std::string url;
  {
    Nginx gone(f.root());
    url = gone.dav_url();
  }
  ReportOutLimits limits;
  limits.max_spooled_heartbeats = 3;
  ReportOut out(report_config(f, url), {}, limits);
  for (int i = 0; i < 5; ++i) {
    Heartbeat beat;
    beat.screen = f.screen;
    beat.at = parse_rfc3339("2026-11-25T01:00:00Z", "t") + std::chrono::minutes(15 * i);
    out.spool_heartbeat(beat);
  }
  const FlushResult failed = out.flush();
  CHECK(failed.sent == 0);
  CHECK(failed.left == 3);
  CHECK_FALSE(std::filesystem::exists(out.spool_dir() / "hb-20261125T010000000Z.json"));
  CHECK(std::filesystem::exists(out.spool_dir() / "hb-20261125T020000000Z.json"));
}
