// TZif (RFC 8536) and POSIX TZ rules read into scheduler::TimeZone. The file is untrusted in
// the sense that it may be truncated or damaged on a screen's disk: every count is checked
// against the bytes actually present before anything is read.
#include "content/base/timezone.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>
#include <vector>

#include "content/base/error.hpp"
#include "content/base/regular_file.hpp"
#include "scheduler/calendar.hpp"

namespace gatecast::content {

namespace {

using scheduler::ZoneTransition;

constexpr std::size_t max_tzif_bytes = 512 * 1024;
constexpr int extend_to_year = 2200;
constexpr int vietnam_offset = 7 * 3600;

class Bytes {
 public:
  Bytes(std::string_view data, std::string subject) : data_(data), subject_(std::move(subject)) {}
  void need(std::size_t count, const char* what) const {
    if (count > data_.size() - at_)
      fail_usage(Reason::schema, subject_, std::string("time zone file is truncated (") + what + ")");
  }
  std::uint8_t u8() {
    need(1, "byte");
    return static_cast<std::uint8_t>(data_[at_++]);
  }
  std::uint32_t u32() {
    need(4, "32-bit field");
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<std::uint8_t>(data_[at_++]);
    return v;
  }
  std::int64_t i64() {
    need(8, "64-bit field");
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<std::uint8_t>(data_[at_++]);
    return static_cast<std::int64_t>(v);
  }
  std::int64_t i32() { return static_cast<std::int32_t>(u32()); }
  void skip(std::size_t count, const char* what) {
    need(count, what);
    at_ += count;
  }
  std::string_view rest() const { return data_.substr(at_); }
  std::size_t remaining() const { return data_.size() - at_; }

 private:
  std::string_view data_;
  std::string subject_;
  std::size_t at_ = 0;
};

struct Header {
  char version = 0;
  std::uint32_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;
};

Header read_header(Bytes& in, const std::string& subject) {
  in.need(44, "header");
  if (in.u8() != 'T' || in.u8() != 'Z' || in.u8() != 'i' || in.u8() != 'f') {
    fail_usage(Reason::schema, subject, "not a time zone file (no TZif magic)");
  }
  Header h;
  h.version = static_cast<char>(in.u8());
  if (h.version != 0 && (h.version < '2' || h.version > '4'))
    fail_usage(Reason::schema, subject, "unknown TZif version");
  in.skip(15, "header");
  h.isutcnt = in.u32();
  h.isstdcnt = in.u32();
  h.leapcnt = in.u32();
  h.timecnt = in.u32();
  h.typecnt = in.u32();
  h.charcnt = in.u32();
  if (h.typecnt == 0 || h.typecnt > 256)
    fail_usage(Reason::schema, subject, "time zone file has a bad count of local time types");
  if ((h.isutcnt != 0 && h.isutcnt != h.typecnt) || (h.isstdcnt != 0 && h.isstdcnt != h.typecnt)) {
    fail_usage(Reason::schema, subject, "time zone file has inconsistent counts");
  }
  if (h.charcnt == 0) fail_usage(Reason::schema, subject, "time zone file has no abbreviations");
  return h;
}

// The data block after a header; `wide` = 64-bit transition times (the v2+ block).
scheduler::TimeZone read_block(Bytes& in, const Header& h, bool wide, const std::string& name,
                               const std::string& subject) {
  const std::size_t time_bytes = wide ? 8 : 4;
  // Checked in 64 bits: counts come from the file and may be absurd.
  const std::uint64_t block = std::uint64_t{h.timecnt} * (time_bytes + 1) + std::uint64_t{h.typecnt} * 6 +
                              h.charcnt + std::uint64_t{h.leapcnt} * (time_bytes + 4) + h.isstdcnt +
                              h.isutcnt;
  if (block > in.remaining())
    fail_usage(Reason::schema, subject, "time zone file is truncated (counts exceed the file)");
  std::vector<std::int64_t> times(h.timecnt);
  for (auto& t : times) t = wide ? in.i64() : in.i32();
  std::vector<std::uint8_t> indices(h.timecnt);
  for (auto& i : indices) i = in.u8();
  std::vector<int> offsets(h.typecnt);
  for (auto& o : offsets) {
    const std::int64_t utoff = in.i32();
    in.skip(2, "local time type");
    if (utoff < -scheduler::max_zone_offset_seconds || utoff > scheduler::max_zone_offset_seconds) {
      fail_usage(Reason::schema, subject, "time zone file has an offset beyond 26 hours");
    }
    o = static_cast<int>(utoff);
  }
  in.skip(h.charcnt + std::size_t{h.leapcnt} * (time_bytes + 4) + h.isstdcnt + h.isutcnt, "trailer");
  std::vector<ZoneTransition> transitions;
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (indices[i] >= h.typecnt)
      fail_usage(Reason::schema, subject, "time zone file refers to a missing local time type");
    if (i > 0 && times[i] <= times[i - 1])
      fail_usage(Reason::schema, subject, "time zone file has transitions out of order");
    const int offset = offsets[indices[i]];
    const int previous = transitions.empty() ? offsets[0] : transitions.back().offset;
    if (offset != previous) transitions.push_back({times[i], offset});
  }
  return scheduler::TimeZone(name, offsets[0], std::move(transitions));
}

// ---- POSIX TZ rules (the TZif footer) ----

struct RuleDate {
  char kind = 'M';  // 'J' (1..365, no leap day), 'D' (0..365 with leap day), 'M' (month.week.day)
  int a = 0, b = 0, c = 0;
  int time = 2 * 3600;
};

class RuleReader {
 public:
  RuleReader(std::string_view text, std::string subject) : text_(text), subject_(std::move(subject)) {}
  bool done() const { return at_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[at_]; }
  bool accept(char c) {
    if (peek() != c) return false;
    ++at_;
    return true;
  }
  [[noreturn]] void fail() const {
    fail_usage(Reason::schema, subject_, "time zone rule \"" + std::string(text_) + "\" is malformed");
  }
  void name() {
    if (accept('<')) {
      std::size_t n = 0;
      while (!done() && peek() != '>') ++at_, ++n;
      if (!accept('>') || n < 3) fail();
      return;
    }
    std::size_t n = 0;
    while ((peek() >= 'A' && peek() <= 'Z') || (peek() >= 'a' && peek() <= 'z')) ++at_, ++n;
    if (n < 3) fail();
  }
  int number(int max) {
    int value = 0, digits = 0;
    while (peek() >= '0' && peek() <= '9') {
      value = value * 10 + (text_[at_++] - '0');
      if (++digits > 3 || value > max) fail();
    }
    if (digits == 0) fail();
    return value;
  }
  // [+-]hh[:mm[:ss]] in seconds; hours up to `max_hours`.
  int clock(int max_hours) {
    int sign = 1;
    if (accept('-')) {
      sign = -1;
    } else {
      accept('+');
    }
    int seconds = number(max_hours) * 3600;
    if (accept(':')) {
      seconds += number(59) * 60;
      if (accept(':')) seconds += number(59);
    }
    return sign * seconds;
  }
  RuleDate date() {
    RuleDate d;
    if (accept('J')) {
      d.kind = 'J';
      d.a = number(365);
      if (d.a < 1) fail();
    } else if (accept('M')) {
      d.a = number(12);
      if (d.a < 1 || !accept('.')) fail();
      d.b = number(5);
      if (d.b < 1 || !accept('.')) fail();
      d.c = number(6);
    } else {
      d.kind = 'D';
      d.a = number(365);
    }
    if (accept('/')) d.time = clock(167);
    return d;
  }

 private:
  std::string_view text_;
  std::string subject_;
  std::size_t at_ = 0;
};

// Local seconds at which `rule` falls in `year` (before adding the rule's time of day).
std::int64_t rule_day(const RuleDate& rule, int year) {
  using scheduler::days_from_civil;
  const std::int64_t jan1 = days_from_civil({year, 1, 1});
  if (rule.kind == 'J') return jan1 + rule.a - 1 + (scheduler::is_leap_year(year) && rule.a >= 60 ? 1 : 0);
  if (rule.kind == 'D') return jan1 + rule.a;
  const std::int64_t first = days_from_civil({year, rule.a, 1});
  const int first_weekday = (scheduler::weekday_of_days(first) + 1) % 7;  // 0 = Sunday, as POSIX counts
  std::int64_t day = first + (rule.c - first_weekday + 7) % 7 + std::int64_t{rule.b - 1} * 7;
  while (day >= first + scheduler::days_in_month(year, rule.a)) day -= 7;
  return day;
}

bool is_vietnam(const std::string& name) {
  return name == "Asia/Ho_Chi_Minh" || name == "Asia/Saigon";
}

bool is_safe_zone_name(const std::string& name) {
  if (name.empty() || name.size() > 128 || name.front() == '/' || name.find("..") != std::string::npos)
    return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '_' || c == '-' || c == '+';
  });
}

}  // namespace

scheduler::TimeZone extend_with_posix_rule(const scheduler::TimeZone& zone, std::string_view rule,
                                           int to_year, const std::string& subject) {
  RuleReader in(rule, subject);
  in.name();
  const int std_offset = -in.clock(24);
  if (in.done()) return zone;  // no daylight saving: the last offset holds
  in.name();
  int dst_offset = std_offset + 3600;
  if (in.peek() != ',') dst_offset = -in.clock(24);
  if (!in.accept(',')) in.fail();
  const RuleDate start = in.date();
  if (!in.accept(',')) in.fail();
  const RuleDate end = in.date();
  if (!in.done()) in.fail();
  if (std::abs(std_offset) > scheduler::max_zone_offset_seconds ||
      std::abs(dst_offset) > scheduler::max_zone_offset_seconds) {
    in.fail();
  }
  std::vector<ZoneTransition> transitions = zone.transitions();
  const std::int64_t after =
      transitions.empty() ? std::numeric_limits<std::int64_t>::min() : transitions.back().at;
  // A file can put its last transition at any instant from -2^63 to 2^63 s; the rule starts at
  // 1900 at the earliest, and one after year 9999 leaves nothing to extend. Unclamped, the year
  // was billions of years back, or overflowed an int to the same (found by fuzz_tzif), and the
  // loop below as long.
  constexpr std::int64_t start_of_1900 = -2'208'988'800, end_of_9999 = 253'402'300'799;
  const int first_year =
      transitions.empty()
          ? 1970
          : scheduler::local_date_time_of(std::clamp(after, start_of_1900, end_of_9999)).date.year;
  for (int year = first_year; year <= to_year; ++year) {
    // DST starts at a local standard time and ends at a local daylight time.
    ZoneTransition begins{rule_day(start, year) * scheduler::seconds_per_day + start.time - std_offset,
                          dst_offset};
    ZoneTransition ends{rule_day(end, year) * scheduler::seconds_per_day + end.time - dst_offset, std_offset};
    if (ends.at < begins.at) std::swap(begins, ends);
    for (const ZoneTransition& t : {begins, ends}) {
      if (t.at <= after || (!transitions.empty() && t.at <= transitions.back().at)) continue;
      const int previous = transitions.empty() ? zone.offset_at_seconds(t.at - 1) : transitions.back().offset;
      if (t.offset != previous) transitions.push_back(t);
    }
  }
  return scheduler::TimeZone(zone.name(), zone.offset_at_seconds(std::numeric_limits<std::int64_t>::min()),
                             std::move(transitions));
}

scheduler::TimeZone parse_tzif(std::string_view bytes, const std::string& name, const std::string& subject) {
  if (bytes.size() > max_tzif_bytes)
    fail_usage(Reason::limit, subject, "time zone file is larger than 512 KiB");
  Bytes in(bytes, subject);
  const Header first = read_header(in, subject);
  scheduler::TimeZone zone = read_block(in, first, false, name, subject);
  if (first.version == 0) return zone;
  const Header second = read_header(in, subject);
  zone = read_block(in, second, true, name, subject);
  // Footer: "\n<POSIX TZ>\n"; an empty rule means none.
  const std::string_view footer = in.rest();
  if (footer.size() < 2 || footer.front() != '\n')
    fail_usage(Reason::schema, subject, "time zone file has no footer");
  const std::size_t close = footer.find('\n', 1);
  if (close == std::string_view::npos)
    fail_usage(Reason::schema, subject, "time zone file's footer is not terminated");
  const std::string_view rule = footer.substr(1, close - 1);
  if (rule.empty()) return zone;
  return extend_with_posix_rule(zone, rule, extend_to_year, subject);
}

scheduler::TimeZone load_time_zone(const std::string& name, const std::filesystem::path& zoneinfo_dir) {
  if (!is_safe_zone_name(name))
    fail_usage(Reason::schema, name, "not a time zone name (like Asia/Ho_Chi_Minh)");
  const std::filesystem::path file = zoneinfo_dir / name;
  try {
    std::string bytes;
    try {
      bytes = read_regular_file(file, max_tzif_bytes, Outcome::usage);
    } catch (const Error& e) {
      fail_usage(e.reason(), file.string(),
                 "cannot open the time zone file (is tzdata installed?): " + e.problem());
    }
    return parse_tzif(bytes, name, file.string());
  } catch (const Error& error) {
    if (is_vietnam(name)) {
      std::cerr << "gatecast: " << error.what() << "; using the fixed offset +07:00 for " << name << "\n";
      return scheduler::TimeZone::fixed(name, vietnam_offset);
    }
    if (name == "UTC" || name == "Etc/UTC") return scheduler::TimeZone::fixed(name, 0);
    throw;
  }
}

}  // namespace gatecast::content
