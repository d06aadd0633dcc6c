#pragma once
// RFC 3339 timestamps as the manifest and the command line write them
// ("2026-11-23T08:00:00+07:00", "2026-11-23T01:00:00Z"). Strict: the offset is required (a
// time without one means different instants at different gates), calendar dates are checked
// (2026-02-30 and 24:00:00 are refused), and nothing may follow the offset.
#include <string>
#include <string_view>

#include "content/base/error.hpp"
#include "scheduler/time.hpp"

namespace gatecast::content {

// Parses `text` into a UTC instant. Accepts "T" or "t" (and a space) between date and time,
// fractional seconds (kept to the millisecond, extra digits truncated), "Z"/"z" or ±hh:mm.
// A leap second (":60") is refused. Problems throw Error(kind, Reason::schema, subject, ...) quoting `text`.
// Pure; any thread.
[[nodiscard]] Instant parse_rfc3339(std::string_view text, const std::string& subject,
                                    Outcome kind = Outcome::rejected);

// Formats `t` as seen at `utc_offset_minutes` east of UTC (-1439..1439):
// "2026-11-23T08:00:00+07:00"; offset 0 gives "...Z". Milliseconds appear only when non-zero
// ("...08:00:00.250+07:00"). Pure; any thread.
[[nodiscard]] std::string format_rfc3339(Instant t, int utc_offset_minutes = 0);

}  // namespace gatecast::content
