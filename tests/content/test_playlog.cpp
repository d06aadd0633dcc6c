// The play log: one durable JSON line per play, ids unique across restarts, days in their own
// files, bounded, and hostile or torn lines never taken for records.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <thread>

#include "content/base/rfc3339.hpp"
#include "content/reports/playlog.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::content;

namespace {

PlayRecord sample_play(const std::string& start, int slide = 0) {
  PlayRecord p;
  p.screen = "langson/huunghi/1";
  p.channel = "langson";
  p.version = 12;
  p.playlist = "day";
  p.slide_index = slide;
  p.assets = {"gate-photo", "logo"};
  p.start = parse_rfc3339(start, "test");
  p.end = p.start + std::chrono::seconds(12);
  return p;
}

std::vector<LoggedPlay> read_all(const std::filesystem::path& folder, std::size_t* bad = nullptr) {
  std::vector<LoggedPlay> out;
  for (const auto& file : play_log_files(folder)) {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
      LoggedPlay p;
      if (parse_play_record_line(line, p)) {
        out.push_back(p);
      } else if (bad) {
        ++*bad;
      }
    }
  }
  return out;
}

}  // namespace

TEST_CASE("play log: a record reads back exactly, with a sequence and a stable id", "[playlog]") {
  test::TempDir dir;
  std::string log_id;
  {
    auto log = PlayLog::open(dir.path());
    log_id = log->log_id();
    CHECK(log->record(sample_play("2026-11-25T01:00:00Z", 0)) == 1);
    CHECK(log->record(sample_play("2026-11-25T01:00:12.250Z", 1)) == 2);
    log->flush();
    const auto plays = read_all(log->folder());
    REQUIRE(plays.size() == 2);
    CHECK(plays[0].id == log_id + "-1");
    CHECK(plays[1].sequence == 2);
    CHECK(plays[1].play.assets == std::vector<std::string>{"gate-photo", "logo"});
    CHECK(plays[1].play.start == parse_rfc3339("2026-11-25T01:00:12.250Z", "t"));
    CHECK(plays[1].play.end - plays[1].play.start == std::chrono::seconds(12));
    CHECK(plays[1].play.slide_index == 1);
    CHECK(plays[1].play.version == 12);
  }
  // A restart continues the sequence under the same log id.
  auto again = PlayLog::open(dir.path());
  CHECK(again->log_id() == log_id);
  CHECK(again->record(sample_play("2026-11-25T02:00:00Z")) == 3);
}

TEST_CASE("play log: each UTC day has its own file", "[playlog]") {
  test::TempDir dir;
  auto log = PlayLog::open(dir.path());
  (void)log->record(sample_play("2026-11-24T23:59:50Z"));
  (void)log->record(sample_play("2026-11-25T00:00:05Z"));
  (void)log->record(sample_play("2026-12-01T08:00:00+07:00"));
  log->flush();
  const auto files = play_log_files(log->folder());
  REQUIRE(files.size() == 3);
  CHECK(files[0].filename() == "2026-11-24.jsonl");
  CHECK(files[1].filename() == "2026-11-25.jsonl");
  CHECK(files[2].filename() == "2026-12-01.jsonl");
}

TEST_CASE("play log: a line torn by a power cut does not swallow the next record", "[playlog]") {
  test::TempDir dir;
  {
    auto log = PlayLog::open(dir.path());
    (void)log->record(sample_play("2026-11-25T01:00:00Z"));
  }
  const auto file = dir.path() / "playlog" / "2026-11-25.jsonl";
  std::string whole = test::read_whole(file);
  std::ofstream(file, std::ios::app) << whole.substr(0, whole.size() / 2);  // half a line, no newline
  auto log = PlayLog::open(dir.path());
  CHECK(log->record(sample_play("2026-11-25T01:00:12Z")) == 2);
  log->flush();
  std::size_t bad = 0;
  const auto plays = read_all(log->folder(), &bad);
  REQUIRE(plays.size() == 2);
  CHECK(plays[1].sequence == 2);
  CHECK(bad == 1);
}

TEST_CASE("play log: records from many threads get distinct sequences and whole lines", "[playlog]") {
  test::TempDir dir;
  auto log = PlayLog::open(dir.path());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) (void)log->record(sample_play("2026-11-25T01:00:00Z", t * 1000 + i));
    });
  }
  for (auto& t : threads) t.join();
  log->flush();
  std::size_t bad = 0;
  const auto plays = read_all(log->folder(), &bad);
  CHECK(bad == 0);
  REQUIRE(plays.size() == 400);
  std::set<std::uint64_t> sequences;
  for (const auto& p : plays) sequences.insert(p.sequence);
  CHECK(sequences.size() == 400);
  CHECK(*sequences.rbegin() == 400);
}

TEST_CASE("play log: a full day stops growing and old days go past the total bound", "[playlog]") {
  test::TempDir dir;
  const std::uint64_t line_bytes =
      play_record_line("0123456789abcdef-1", 1, sample_play("2026-11-25T01:00:00Z")).size();
  PlayLogLimits limits;
  limits.max_day_bytes = 10 * (line_bytes + 4);
  limits.max_total_bytes = 25 * (line_bytes + 4);
  auto log = PlayLog::open(dir.path(), limits);
  for (int i = 0; i < 15; ++i) (void)log->record(sample_play("2026-11-20T01:00:00Z", i));
  log->flush();
  CHECK(log->dropped_records() > 0);
  CHECK(std::filesystem::file_size(log->folder() / "2026-11-20.jsonl") <= limits.max_day_bytes);
  for (int day = 21; day <= 25; ++day) {
    for (int i = 0; i < 10; ++i)
      (void)log->record(sample_play("2026-11-" + std::to_string(day) + "T01:00:00Z", i));
  }
  log->flush();
  std::uintmax_t total = 0;
  const auto files = play_log_files(log->folder());
  for (const auto& f : files) total += std::filesystem::file_size(f);
  CHECK(total <= limits.max_total_bytes + limits.max_day_bytes);  // checked when a day starts
  CHECK(files.front().filename() != "2026-11-20.jsonl");
  CHECK(files.back().filename() == "2026-11-25.jsonl");
}

TEST_CASE("play log: hostile lines are not records", "[playlog]") {
  const std::string good = play_record_line("0123456789abcdef-7", 7, sample_play("2026-11-25T01:00:00Z"));
  LoggedPlay p;
  REQUIRE(parse_play_record_line(good, p));
  CHECK(p.sequence == 7);

  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
  };
  const std::vector<std::string> hostile = {
      "",
      "not json",
      good.substr(0, good.size() - 1),                     // torn
      good + "x",                                          // trailing garbage
      replaced("\"seq\":7", "\"seq\":8"),                  // id and sequence disagree
      replaced("\"seq\":7", "\"seq\":-7"),                 // negative
      replaced("\"seq\":7", "\"seq\":\"7\""),              // wrong type
      replaced("\"version\":12", "\"version\":1e99999"),   // a number past double
      replaced("\"slide\":0", "\"slide\":0,\"extra\":1"),  // unknown key
      replaced("\"slide\":0", "\"slide\":0,\"slide\":1"),  // duplicate key
      replaced("\"playlist\":\"day\"", "\"playlist\":\"\""),
      replaced("\"playlist\":\"day\"", "\"playlist\":\"" + std::string(100000, 'a') + "\""),
      replaced("\"playlist\":\"day\"", "\"playlist\":\"\xff\xfe\""),  // not UTF-8
      replaced("2026-11-25T01:00:12Z", "2026-11-25T00:59:00Z"),       // ends before it starts
      replaced("2026-11-25T01:00:00Z", "2026-11-25T01:00:00"),        // no offset
      replaced("[\"gate-photo\",\"logo\"]", "[1,2]"),
      replaced("[\"gate-photo\",\"logo\"]", "[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]"),
      "[" + good + "]",
  };
  for (const auto& line : hostile) {
    INFO(line.substr(0, 200));
    CHECK_FALSE(parse_play_record_line(line, p));
  }
}

TEST_CASE("play log: a player without a screen id still logs readable records", "[playlog]") {
  PlayRecord p = sample_play("2026-11-25T01:00:00Z");
  p.screen.clear();
  p.channel.clear();
  p.assets.assign(300, "an-asset-name-of-some-length-0123456789");
  LoggedPlay back;
  REQUIRE(parse_play_record_line(play_record_line("0123456789abcdef-3", 3, p), back));
  CHECK(back.play.screen.empty());
  CHECK(back.play.assets.size() == 300);
}

TEST_CASE("play log: chained plays, install and bench events read back; bad links and kinds do not",
          "[playlog]") {
  const std::string link(64, 'a');
  PlayRecord install = sample_play("2026-11-25T01:00:00Z");
  install.kind = RecordKind::install;
  install.source = "usb";
  install.key_id = "0123456789ABCDEF";
  PlayRecord bench = sample_play("2026-11-25T02:00:00Z");
  bench.kind = RecordKind::bench;
  bench.end = bench.start;
  LoggedPlay p;
  REQUIRE(parse_play_record_line(play_record_line("0123456789abcdef-8", 8, install, link), p));
  CHECK(p.play.kind == RecordKind::install);
  CHECK(p.play.source == "usb");
  CHECK(p.play.key_id == "0123456789ABCDEF");
  CHECK(p.prev == link);
  CHECK(p.play.start == install.start);
  REQUIRE(parse_play_record_line(play_record_line("0123456789abcdef-9", 9, bench, link), p));
  CHECK(p.play.kind == RecordKind::bench);
  CHECK(p.play.assets == bench.assets);
  CHECK(p.play.playlist == "day");

  const std::string good =
      play_record_line("0123456789abcdef-7", 7, sample_play("2026-11-25T01:00:00Z"), link);
  auto replaced = [](std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
  };
  const std::string good_install = play_record_line("0123456789abcdef-8", 8, install, link);
  for (const std::string& line : {
           replaced(good, link, std::string(63, 'a')),                   // short link
           replaced(good, link, std::string(64, 'A')),                   // not lowercase hex
           replaced(good, "\"prev\":\"" + link + "\"", "\"prev\":7"),    // wrong type
           replaced(good, "\"seq\":7", "\"seq\":7,\"kind\":\"other\""),  // unknown kind
           replaced(good_install, "\"usb\"", "\"ftp\""),                 // unknown source
           replaced(good_install, "0123456789ABCDEF", "0123456789abcdef"),
           replaced(good_install, "0123456789ABCDEF", "0123456789ABCDEF0"),
           replaced(good_install, "\"at\"", "\"start\""),
       }) {
    INFO(line);
    CHECK_FALSE(parse_play_record_line(line, p));
  }
}
