// One play-log line: the titles a record carries, hostile titles refused, and the single-pass
// reader compared with the strict JSON reader it replaced (playlog_reference.hpp) on valid
// lines and on hundreds of thousands of mutations of them.
#include <catch2/catch.hpp>

#include <random>

#include "content/base/rfc3339.hpp"
#include "content/reports/playlog.hpp"
#include "playlog_reference.hpp"

using namespace gatecast;
using namespace gatecast::content;

namespace {

const std::string kLink(64, 'c');

PlayRecord titled_play() {
  PlayRecord p;
  p.screen = "langson/huunghi/1";
  p.channel = "langson";
  p.version = 12;
  p.playlist = "day";
  p.slide_index = 3;
  p.assets = {"gate-photo", "logo"};
  p.titles["gate-photo"] = {
      {"vi", "Cửa khẩu \"Hữu Nghị\""}, {"zh", "友谊关"}, {"en", "Huu Nghi gate \\ by day"}};
  p.start = parse_rfc3339("2026-11-25T01:00:00Z", "test");
  p.end = p.start + std::chrono::seconds(12);
  return p;
}

// A slide of text only: no asset, its own title.
PlayRecord text_slide_play() {
  PlayRecord p = titled_play();
  p.assets.clear();
  p.titles.clear();
  p.slide_title = {{"vi", "Giờ mở cửa"}, {"en", "Opening hours"}};
  return p;
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

bool same(const LoggedPlay& a, const LoggedPlay& b) {
  return a.id == b.id && a.sequence == b.sequence && a.prev == b.prev && a.play.kind == b.play.kind &&
         a.play.screen == b.play.screen && a.play.channel == b.play.channel &&
         a.play.version == b.play.version && a.play.playlist == b.play.playlist &&
         a.play.slide_index == b.play.slide_index && a.play.assets == b.play.assets &&
         a.play.titles == b.play.titles && a.play.slide_title == b.play.slide_title &&
         a.play.start == b.play.start && a.play.end == b.play.end && a.play.source == b.play.source &&
         a.play.key_id == b.play.key_id;
}

}  // namespace

TEST_CASE("play log line: titles read back exactly, escapes and all; older lines have none",
          "[playlog][titles]") {
  const PlayRecord play = titled_play();
  const std::string line = play_record_line("0123456789abcdef-7", 7, play, kLink);
  CHECK(line.find("\"titles\":{\"gate-photo\":{") != std::string::npos);
  LoggedPlay p;
  REQUIRE(parse_play_record_line(line, p));
  CHECK(p.play.titles == play.titles);
  CHECK(p.play.assets == play.assets);

  PlayRecord bench = play;
  bench.kind = RecordKind::bench;
  bench.end = bench.start;
  REQUIRE(parse_play_record_line(play_record_line("0123456789abcdef-8", 8, bench, kLink), p));
  CHECK(p.play.kind == RecordKind::bench);
  CHECK(p.play.titles == play.titles);

  // A line written before titles existed reads with none, into a record that had some.
  PlayRecord untitled = play;
  untitled.titles.clear();
  const std::string old_line = play_record_line("0123456789abcdef-9", 9, untitled, kLink);
  CHECK(old_line.find("titles") == std::string::npos);
  REQUIRE(parse_play_record_line(old_line, p));
  CHECK(p.play.titles.empty());

  // Installs carry no titles.
  PlayRecord install = play;
  install.kind = RecordKind::install;
  install.source = "server";
  install.key_id = "0123456789ABCDEF";
  CHECK(play_record_line("0123456789abcdef-10", 10, install, kLink).find("titles") == std::string::npos);
}

TEST_CASE("play log line: a text slide carries its own title; a slide showing assets cannot",
          "[playlog][titles]") {
  const PlayRecord play = text_slide_play();
  const std::string line = play_record_line("0123456789abcdef-7", 7, play, kLink);
  CHECK(line.find("\"slide_title\":{\"en\":\"Opening hours\",\"vi\":\"Giờ mở cửa\"}") != std::string::npos);
  LoggedPlay p;
  REQUIRE(parse_play_record_line(line, p));
  CHECK(p.play.slide_title == play.slide_title);
  CHECK(p.play.assets.empty());

  PlayRecord bench = play;
  bench.kind = RecordKind::bench;
  bench.end = bench.start;
  REQUIRE(parse_play_record_line(play_record_line("0123456789abcdef-8", 8, bench, kLink), p));
  CHECK(p.play.slide_title == play.slide_title);

  // The next line read into the same record has none.
  REQUIRE(parse_play_record_line(play_record_line("0123456789abcdef-9", 9, titled_play(), kLink), p));
  CHECK(p.play.slide_title.empty());

  PlayRecord install = play;
  install.kind = RecordKind::install;
  install.source = "usb";
  install.key_id = "0123456789ABCDEF";
  const std::string install_line = play_record_line("0123456789abcdef-10", 10, install, kLink);
  CHECK(install_line.find("slide_title") == std::string::npos);

  const std::vector<std::string> hostile = {
      replaced(line, "\"assets\":[]",
               "\"assets\":[\"logo\"]"),  // a slide with an asset names it by the asset
      replaced(line, "\"Opening hours\"", "\"Opening\\thours\""),  // control character
      replaced(line, "{\"en\":\"Opening hours\",\"vi\":\"Giờ mở cửa\"}", "{}"),
      replaced(line, "{\"en\":\"Opening hours\",\"vi\":\"Giờ mở cửa\"}", "\"Opening hours\""),
      replaced(line, "\"slide_title\"", "\"slide_title\":{\"en\":\"x\"},\"slide_title\""),  // twice
      replaced(install_line, "\"kind\"", "\"slide_title\":{\"en\":\"x\"},\"kind\""),  // installs carry none
  };
  for (const auto& bad : hostile) {
    INFO(bad);
    CHECK_FALSE(parse_play_record_line(bad, p));
    CHECK_FALSE(test::reference_parse_play_record_line(bad, p));
  }
}

TEST_CASE("play log line: a record too long with its titles is written without them", "[playlog][titles]") {
  PlayRecord p = titled_play();
  p.assets.clear();
  for (int i = 0; i < 300; ++i) {
    const std::string name = "picture-" + std::to_string(i);
    p.assets.push_back(name);
    p.titles[name] = {{"vi", std::string(max_title_bytes, 'v')}};
  }
  const std::string line = play_record_line("0123456789abcdef-7", 7, p, kLink);
  CHECK(line.size() <= 64u << 10);
  LoggedPlay back;
  REQUIRE(parse_play_record_line(line, back));
  CHECK(back.play.assets.size() == 300);
  CHECK(back.play.titles.empty());
}

TEST_CASE("play log line: hostile titles make the line malformed", "[playlog][titles]") {
  const std::string good = play_record_line("0123456789abcdef-7", 7, titled_play(), kLink);
  const std::string title =
      "{\"en\":\"Huu Nghi gate \\\\ by day\",\"vi\":\"Cửa khẩu \\\"Hữu Nghị\\\"\",\"zh\":\"友谊关\"}";
  REQUIRE(good.find(title) != std::string::npos);
  const std::string install = play_record_line(
      "0123456789abcdef-7", 7,
      [] {
        PlayRecord p = titled_play();
        p.kind = RecordKind::install;
        p.source = "usb";
        p.key_id = "0123456789ABCDEF";
        return p;
      }(),
      kLink);
  const std::vector<std::string> hostile = {
      replaced(good, title, "\"Huu Nghi\""),    // a string, not per language
      replaced(good, title, "[\"Huu Nghi\"]"),  // an array
      replaced(good, title, "{\"en\":7}"),      // a number
      replaced(good, title, "{\"en\":null}"),   // null
      replaced(good, title, "{}"),              // no language
      replaced(good, title, "{\"en\":\"\"}"),   // empty
      replaced(good, title, "{\"EN\":\"x\"}"),  // not a language code
      replaced(good, title, "{\"en\":\"" + std::string(max_title_bytes + 1, 'x') + "\"}"),  // oversized
      replaced(good, title, "{\"en\":\"a\\tb\"}"),  // control characters
      replaced(good, title, "{\"en\":\"a\\nb\"}"),
      replaced(good, title, "{\"en\":\"a\\u001b[31mb\"}"),
      replaced(good, title, "{\"en\":\"a\\u007fb\"}"),
      replaced(good, title, "{\"en\":\"a\\u0000b\"}"),
      replaced(good, title,
               "{\"en\":\"a\x01"
               "b\"}"),                                      // raw, not even JSON
      replaced(good, title, "{\"en\":\"a\",\"en\":\"b\"}"),  // a language twice
      replaced(good, title, "{\"en\":\"a\\ud800b\"}"),       // a lone surrogate
      replaced(good, "\"titles\":{\"gate-photo\"",
               "\"titles\":{\"not-shown\""),  // an asset not in the record
      replaced(good, "\"titles\":{", "\"titles\":{\"logo\":{\"en\":\"x\"},\"logo\":{\"en\":\"y\"},"),
      replaced(good, "\"titles\":{\"gate-photo\":" + title + "}", "\"titles\":[]"),
      replaced(install, "\"kind\"", "\"titles\":{},\"kind\""),  // installs carry none
  };
  std::string many = "{";
  for (std::size_t i = 0; i <= max_title_languages; ++i)
    many += std::string(i ? "," : "") + "\"x" + static_cast<char>('a' + i / 26) +
            static_cast<char>('a' + i % 26) + "\":\"t\"";
  many += "}";
  std::vector<std::string> all = hostile;
  all.push_back(replaced(good, title, many));  // too many languages
  LoggedPlay p;
  for (const auto& line : all) {
    INFO(line.substr(0, 300));
    CHECK_FALSE(parse_play_record_line(line, p));
    CHECK_FALSE(test::reference_parse_play_record_line(line, p));
  }
}

TEST_CASE("play log line: the single-pass reader agrees with the strict JSON reader", "[playlog][fuzz]") {
  PlayRecord install = titled_play();
  install.kind = RecordKind::install;
  install.source = "server";
  install.key_id = "0123456789ABCDEF";
  PlayRecord bench = titled_play();
  bench.kind = RecordKind::bench;
  bench.end = bench.start;
  PlayRecord unnamed = titled_play();
  unnamed.screen.clear();
  unnamed.titles.clear();
  const std::vector<std::string> seeds = {
      play_record_line("0123456789abcdef-7", 7, titled_play(), kLink),
      play_record_line("0123456789abcdef-8", 8, install, kLink),
      play_record_line("0123456789abcdef-9", 9, bench),
      play_record_line("0123456789abcdef-10", 10, unnamed, kLink),
      play_record_line("0123456789abcdef-11", 11, text_slide_play(), kLink),
      // Forms the writer never makes but JSON allows: spaces, escapes, key order.
      "{ \"seq\" : 3 , \"id\":\"a-3\", \"screen\":\"s\\/1\", \"channel\":\"\\u0063h\", \"version\":0,"
      " \"playlist\":\"d\\u00e0y\", \"slide\":0, \"assets\":[ ], \"start\":\"2026-11-25T01:00:00+07:00\","
      " \"end\":\"2026-11-25T01:00:00.5+07:00\" }\t",
  };
  LoggedPlay fast, slow;
  for (const auto& seed : seeds) {
    INFO(seed);
    REQUIRE(parse_play_record_line(seed, fast));
    REQUIRE(test::reference_parse_play_record_line(seed, slow));
    CHECK(same(fast, slow));
  }

  // Mutations that keep most of a line's shape: the bytes JSON gives meaning to, digits,
  // escapes, non-ASCII and control bytes, spliced, dropped, doubled and cut.
  const std::string alphabet = "{}[]\":,\\ -+.eE0179aAfuzZn/\t\x01\x7f\xc3\xa0\xe4\xb8\x80\xff";
  const unsigned seed = std::random_device{}();
  INFO("seed " << seed);  // a failure is reproduced by fixing this seed
  std::mt19937 rng(seed);
  std::size_t accepted = 0, total = 0;
  for (int round = 0; round < 200000; ++round) {
    std::string line = seeds[rng() % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits && !line.empty(); ++e) {
      const std::size_t at = rng() % line.size();
      switch (rng() % 5) {
        case 0:
          line[at] = alphabet[rng() % alphabet.size()];
          break;
        case 1:
          line.insert(at, 1, alphabet[rng() % alphabet.size()]);
          break;
        case 2:
          line.erase(at, 1 + rng() % 4);
          break;
        case 3:
          line.insert(at, line.substr(at, rng() % 24));
          break;
        default:
          line.resize(at);
          break;
      }
    }
    const bool f = parse_play_record_line(line, fast);
    const bool s = test::reference_parse_play_record_line(line, slow);
    ++total;
    if (f != s || (f && !same(fast, slow))) {
      INFO("line: " << line);
      CHECK(f == s);
      if (f && s) CHECK(same(fast, slow));
      break;
    }
    accepted += f;
  }
  // Some mutations must have kept a valid record (e.g. a digit of a time changed), or the
  // comparison would only ever have seen refusals.
  CHECK(accepted > 100);
  CHECK(accepted < total);
}
