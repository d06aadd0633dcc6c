#include <catch2/catch.hpp>

#include "content/base/rfc3339.hpp"
#include "support/refusal.hpp"

using gatecast::Error;
using gatecast::Instant;
using gatecast::Outcome;
using gatecast::Reason;
using gatecast::content::format_rfc3339;
using gatecast::content::parse_rfc3339;
using gatecast::test::Refused;

namespace {

Instant utc(int y, unsigned mo, unsigned d, int h, int mi, int s, int ms = 0) {
  using namespace std::chrono;
  return time_point_cast<milliseconds>(sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} +
                                       seconds{s} + milliseconds{ms});
}

Error refusal(std::string_view text) {
  try {
    (void)parse_rfc3339(text, "manifest.json: created");
  } catch (const Error& e) {
    CHECK(e.kind() == Outcome::rejected);
    CHECK(e.subject() == "manifest.json: created");
    return e;
  }
  FAIL("accepted '" << text << "'");
  return Error(Outcome::ok, "", "accepted");
}

}  // namespace

TEST_CASE("rfc3339 reads offsets into UTC instants", "[rfc3339]") {
  CHECK(parse_rfc3339("2026-11-23T08:00:00+07:00", "t") == utc(2026, 11, 23, 1, 0, 0));
  CHECK(parse_rfc3339("2026-11-23T01:00:00Z", "t") == utc(2026, 11, 23, 1, 0, 0));
  CHECK(parse_rfc3339("2026-11-23t01:00:00z", "t") == utc(2026, 11, 23, 1, 0, 0));
  CHECK(parse_rfc3339("2026-11-23 01:00:00Z", "t") == utc(2026, 11, 23, 1, 0, 0));
  CHECK(parse_rfc3339("2026-11-22T20:30:00-04:30", "t") == utc(2026, 11, 23, 1, 0, 0));
  // Crossing the day, the month and the year backwards through the offset.
  CHECK(parse_rfc3339("2027-01-01T05:00:00+07:00", "t") == utc(2026, 12, 31, 22, 0, 0));
  CHECK(parse_rfc3339("1970-01-01T00:00:00Z", "t") == Instant{});
  CHECK(parse_rfc3339("1969-12-31T23:59:59Z", "t") == Instant{} - std::chrono::seconds{1});
}

TEST_CASE("rfc3339 keeps fractions to the millisecond", "[rfc3339]") {
  CHECK(parse_rfc3339("2026-11-23T01:00:00.5Z", "t") == utc(2026, 11, 23, 1, 0, 0, 500));
  CHECK(parse_rfc3339("2026-11-23T01:00:00.25Z", "t") == utc(2026, 11, 23, 1, 0, 0, 250));
  CHECK(parse_rfc3339("2026-11-23T01:00:00.123456789Z", "t") == utc(2026, 11, 23, 1, 0, 0, 123));
}

TEST_CASE("rfc3339 accepts leap days and refuses impossible dates", "[rfc3339]") {
  CHECK(parse_rfc3339("2028-02-29T00:00:00Z", "t") == utc(2028, 2, 29, 0, 0, 0));
  CHECK(parse_rfc3339("2000-02-29T00:00:00Z", "t") == utc(2000, 2, 29, 0, 0, 0));
  CHECK_THAT(refusal("2026-02-29T00:00:00Z"), Refused(Reason::schema));
  CHECK_THAT(refusal("1900-02-29T00:00:00Z"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-02-30T00:00:00Z"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-04-31T00:00:00Z"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-13-01T00:00:00Z"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-00-10T00:00:00Z"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-01-00T00:00:00Z"), Refused(Reason::schema));
}

TEST_CASE("rfc3339 refuses impossible times of day", "[rfc3339]") {
  CHECK_THAT(refusal("2026-11-23T24:00:00Z"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-11-23T23:60:00Z"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-12-31T23:59:60Z"), Refused(Reason::schema));  // leap second
}

TEST_CASE("rfc3339 requires an offset", "[rfc3339]") {
  CHECK_THAT(refusal("2026-11-23T08:00:00"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-11-23T08:00:00.5"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-11-23T08:00:00 +07:00"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-11-23T08:00:00+0700"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-11-23T08:00:00+07"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-11-23T08:00:00+24:00"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-11-23T08:00:00+07:60"), Refused(Reason::schema));
}

TEST_CASE("rfc3339 refuses garbage and quotes it safely", "[rfc3339]") {
  CHECK_THAT(refusal(""), Refused(Reason::schema));
  CHECK_THAT(refusal("tomorrow"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-11-23"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026/11/23T08:00:00Z"), Refused(Reason::schema));
  CHECK_THAT(refusal("+2026-11-23T08:00:0Z"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-11-23X08:00:00Z"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-11-23T8:00:00+07:00"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-11-23T08:00:00Zjunk"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-11-23T08:00:00+07:00\n"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-11-23T08:00:00.Z"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-11-23T08:00:00.1234567890Z"), Refused(Reason::schema));
  CHECK_THAT(refusal("2026-1a-23T08:00:00Z"), Refused(Reason::schema));
  // A hostile value never spills a line break or a megabyte into the one-line message.
  const std::string problem = refusal(std::string(100000, '9') + "\n").problem();
  CHECK(problem.size() < 200);
  CHECK(problem.find('\n') == std::string::npos);
}

TEST_CASE("rfc3339 errors carry the requested kind", "[rfc3339]") {
  try {
    (void)parse_rfc3339("now", "--at", Outcome::usage);
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.kind() == Outcome::usage);
    CHECK(e.reason() == Reason::schema);
  }
}

TEST_CASE("rfc3339 formats at an offset and reads back", "[rfc3339]") {
  const Instant t = utc(2026, 11, 23, 1, 0, 0);
  CHECK(format_rfc3339(t) == "2026-11-23T01:00:00Z");
  CHECK(format_rfc3339(t, 7 * 60) == "2026-11-23T08:00:00+07:00");
  CHECK(format_rfc3339(t, -(4 * 60 + 30)) == "2026-11-22T20:30:00-04:30");
  CHECK(format_rfc3339(utc(2026, 11, 23, 1, 0, 0, 250), 420) == "2026-11-23T08:00:00.250+07:00");
  CHECK(format_rfc3339(Instant{} - std::chrono::seconds{1}) == "1969-12-31T23:59:59Z");
  for (const int offset : {0, 420, -300, 345, -720, 840}) {
    for (const Instant at : {t, utc(2028, 2, 29, 23, 59, 59, 999), utc(2026, 12, 31, 20, 0, 0)}) {
      CHECK(parse_rfc3339(format_rfc3339(at, offset), "t") == at);
    }
  }
}
