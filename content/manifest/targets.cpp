#include "content/manifest/targets.hpp"

#include <vector>

namespace gatecast::content {

namespace {

constexpr std::size_t max_segments = 8;

std::vector<std::string_view> split_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    segments.push_back(
        path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) return segments;
    start = slash + 1;
  }
}

bool is_valid_segment(std::string_view segment) {
  if (segment.empty() || segment.size() > 64) return false;
  for (const char c : segment) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  // "." and ".." would read as folders when an id becomes part of a report path.
  return segment != "." && segment != "..";
}

bool is_valid_path(std::string_view path, bool allow_wildcards) {
  if (path.empty() || path.size() > max_segments * 65) return false;
  const auto segments = split_segments(path);
  if (segments.size() > max_segments) return false;
  for (const auto segment : segments) {
    if (allow_wildcards && segment == "*") continue;
    if (!is_valid_segment(segment)) return false;
  }
  return true;
}

}  // namespace

bool is_valid_screen_id(std::string_view id) {
  return is_valid_path(id, false);
}

bool is_valid_target_pattern(std::string_view pattern) {
  return is_valid_path(pattern, true);
}

bool target_matches(std::string_view pattern, std::string_view screen_id) {
  if (!is_valid_target_pattern(pattern) || !is_valid_screen_id(screen_id)) return false;
  if (pattern == "*") return true;
  const auto want = split_segments(pattern);
  const auto have = split_segments(screen_id);
  for (std::size_t i = 0; i < want.size(); ++i) {
    const bool last = i + 1 == want.size();
    if (i >= have.size()) return false;
    if (want[i] == "*") {
      if (last) return true;  // a trailing "/*": one or more remaining segments
      continue;               // one segment, whatever it is
    }
    if (want[i] != have[i]) return false;
  }
  return want.size() == have.size();
}

bool manifest_targets(const Manifest& manifest, std::string_view screen_id) {
  for (const auto& pattern : manifest.targets) {
    if (target_matches(pattern, screen_id)) return true;
  }
  return false;
}

}  // namespace gatecast::content
