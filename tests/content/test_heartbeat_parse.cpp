// A heartbeat file as the office reads it back: every field a screen writes, and what makes a
// file not a heartbeat at all (no screen, no time, too big, not an object).
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "content/base/rfc3339.hpp"
#include "content/reports/report_inputs.hpp"

using namespace gatecast;
using namespace gatecast::content;

namespace {

std::string corpus_file(const char* name) {
  std::ifstream in(std::string(GATECAST_TEST_DATA) + "/fuzz/corpus/fuzz_heartbeat/" + name, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("a heartbeat is read with every field a screen writes", "[report][heartbeat]") {
  const auto h = parse_heartbeat(corpus_file("full.json"), 1 << 16);
  REQUIRE(h);
  CHECK(h->screen == "huunghi-1");
  CHECK(h->at == parse_rfc3339("2026-11-30T08:00:00+07:00", "test"));
  CHECK(h->channels == std::map<std::string, std::int64_t>{{"huunghi", 3}, {"langson", 12}});
  CHECK(h->disk_free_bytes == 12884901888u);
  CHECK(h->interval == std::chrono::seconds(300));
  CHECK(h->last_success == parse_rfc3339("2026-11-30T07:45:00+07:00", "test"));
  CHECK(h->screenshot_jpeg.size() > 4);
}

TEST_CASE("what is not a heartbeat is refused", "[report][heartbeat][hostile]") {
  CHECK_FALSE(parse_heartbeat(corpus_file("empty_screen.json"), 1 << 16));
  CHECK_FALSE(parse_heartbeat(R"({"screen":"a"})", 1 << 16));
  CHECK_FALSE(parse_heartbeat(R"({"at":"2026-11-30T08:00:00Z"})", 1 << 16));
  CHECK_FALSE(parse_heartbeat(R"(["screen","a"])", 1 << 16));
  CHECK_FALSE(parse_heartbeat(corpus_file("full.json"), 64));  // over the bound
  CHECK_FALSE(parse_heartbeat(R"({"screen":")" + std::string(300, 'x') + R"(","at":"2026-11-30T08:00:00Z"})",
                              1 << 16));
  // Numbers at the ends of their range are read without overflow; an interval outside a day is
  // not one a screen keeps.
  const auto extremes = parse_heartbeat(corpus_file("extremes.json"), 1 << 16);
  REQUIRE(extremes);
  CHECK(extremes->interval == std::chrono::seconds(0));
  // A screenshot that is not a JPEG is dropped, the heartbeat kept.
  const auto h = parse_heartbeat(
      R"({"screen":"a","at":"2026-11-30T08:00:00Z","screenshot_jpeg":"aGVsbG8gd29ybGQ="})", 1 << 16);
  REQUIRE(h);
  CHECK(h->screenshot_jpeg.empty());
}
