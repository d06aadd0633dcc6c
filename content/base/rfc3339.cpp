#include "content/base/rfc3339.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace gatecast::content {

namespace {

// Reads exactly `digits` decimal digits at `pos`; -1 when any of them is not a digit.
int read_digits(std::string_view text, std::size_t pos, std::size_t digits) {
  if (pos + digits > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + digits; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

[[noreturn]] void fail_time(Outcome kind, const std::string& subject, std::string_view text,
                            const std::string& problem) {
  // Quote at most a line's worth: the text may be hostile and arbitrarily long.
  std::string shown(text.substr(0, 64));
  for (char& c : shown) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  throw Error(kind, Reason::schema, subject, "'" + shown + "' is not an RFC 3339 time (" + problem + ")");
}

}  // namespace

Instant parse_rfc3339(std::string_view text, const std::string& subject, Outcome kind) {
  const auto fail = [&](const std::string& problem) { fail_time(kind, subject, text, problem); };
  // YYYY-MM-DDTHH:MM:SS is 19 characters; what follows (fraction, offset) is checked below.
  if (text.size() < 19) fail("expected e.g. 2026-11-23T08:00:00+07:00");
  const int year = read_digits(text, 0, 4);
  const int month = read_digits(text, 5, 2);
  const int day = read_digits(text, 8, 2);
  if (year < 0 || month < 0 || day < 0 || text[4] != '-' || text[7] != '-') fail("bad date");
  const char sep = text[10];
  if (sep != 'T' && sep != 't' && sep != ' ') fail("expected 'T' between date and time");
  const int hour = read_digits(text, 11, 2);
  const int minute = read_digits(text, 14, 2);
  const int second = read_digits(text, 17, 2);
  if (hour < 0 || minute < 0 || second < 0 || text[13] != ':' || text[16] != ':') fail("bad time of day");

  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) fail("no such date");
  if (hour > 23 || minute > 59 || second > 59) fail("no such time of day");

  std::size_t pos = 19;
  int millis = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const std::size_t first = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (pos - first < 3) millis = millis * 10 + (text[pos] - '0');
      ++pos;
    }
    if (pos == first) fail("no digits after '.'");
    if (pos - first > 9) fail("more than 9 fractional digits");
    for (std::size_t n = pos - first; n < 3; ++n) millis *= 10;
  }
  if (pos >= text.size()) fail("missing UTC offset ('Z' or +hh:mm)");

  int offset_minutes = 0;
  const char zone = text[pos];
  if (zone == 'Z' || zone == 'z') {
    ++pos;
  } else if (zone == '+' || zone == '-') {
    const int oh = read_digits(text, pos + 1, 2);
    const int om = read_digits(text, pos + 4, 2);
    if (oh < 0 || om < 0 || text[pos + 3] != ':') fail("bad UTC offset, expected +hh:mm");
    if (oh > 23 || om > 59) fail("UTC offset out of range");
    offset_minutes = (oh * 60 + om) * (zone == '-' ? -1 : 1);
    pos += 6;
  } else {
    fail("missing UTC offset ('Z' or +hh:mm)");
  }
  if (pos != text.size()) fail("unexpected text after the UTC offset");

  const auto local = std::chrono::sys_days{date} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
                     std::chrono::seconds{second} + std::chrono::milliseconds{millis};
  return std::chrono::time_point_cast<Duration>(local - std::chrono::minutes{offset_minutes});
}

std::string format_rfc3339(Instant t, int utc_offset_minutes) {
  using namespace std::chrono;
  const auto local = t + minutes{utc_offset_minutes};
  const auto day = floor<days>(local);
  const year_month_day date{day};
  const hh_mm_ss<Duration> time{local - day};
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(date.year()),
                        static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                        static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                        static_cast<int>(time.seconds().count()));
  std::string out(buf, static_cast<std::size_t>(n));
  if (const auto ms = time.subseconds().count(); ms != 0) {
    n = std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(ms));
    out.append(buf, static_cast<std::size_t>(n));
  }
  if (utc_offset_minutes == 0) return out + "Z";
  const int abs_offset = std::abs(utc_offset_minutes);
  n = std::snprintf(buf, sizeof buf, "%c%02d:%02d", utc_offset_minutes < 0 ? '-' : '+', abs_offset / 60,
                    abs_offset % 60);
  return out.append(buf, static_cast<std::size_t>(n));
}

}  // namespace gatecast::content
