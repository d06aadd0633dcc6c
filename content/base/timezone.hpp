#pragma once
// The site's time zone, loaded from the system's zone database (/usr/share/zoneinfo/<name>,
// TZif versions 1-3) into a pure scheduler::TimeZone. Hostile-input safe: the file is read
// with a size bound and every count and index is checked before use.
#include <filesystem>
#include <string>
#include <string_view>

#include "scheduler/timezone.hpp"

namespace gatecast::content {

inline constexpr const char* default_zoneinfo_dir = "/usr/share/zoneinfo";

// Loads `name` ("Asia/Ho_Chi_Minh", "UTC", "Europe/Berlin") from `zoneinfo_dir`. Transitions
// are taken from the file and extended with the footer's POSIX rule up to the year 2200.
// When the file is missing or unreadable and `name` is Asia/Ho_Chi_Minh (or its alias
// Asia/Saigon), a fixed +07:00 zone is returned and one line is written to stderr (Vietnam has
// kept +07:00 since 1975). Otherwise throws Error(usage) naming the zone. Any thread.
[[nodiscard]] scheduler::TimeZone load_time_zone(
    const std::string& name, const std::filesystem::path& zoneinfo_dir = default_zoneinfo_dir);

// Parses the bytes of a TZif file; throws Error(usage, subject, ...) on anything malformed
// (Reason::schema; Reason::limit for a file over 512 KiB).
[[nodiscard]] scheduler::TimeZone parse_tzif(std::string_view bytes, const std::string& name,
                                             const std::string& subject);

// `zone` followed by the transitions a POSIX TZ rule ("<+07>-7", "CET-1CEST,M3.5.0,M10.5.0/3")
// implies after its last transition, up to the end of `to_year`. Throws Error(usage) naming
// `subject` when the rule is malformed.
[[nodiscard]] scheduler::TimeZone extend_with_posix_rule(const scheduler::TimeZone& zone,
                                                         std::string_view rule, int to_year,
                                                         const std::string& subject);

}  // namespace gatecast::content
