#include "content/sources/response_header.hpp"

#include <string>

namespace gatecast::content {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

}  // namespace

bool starts_with_ignoring_case(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (lower(s[i]) != lower(prefix[i])) return false;
  }
  return true;
}

std::optional<std::uint64_t> parse_content_range_start(std::string_view value) {
  if (!starts_with_ignoring_case(value, "bytes ")) return std::nullopt;
  value.remove_prefix(6);
  std::uint64_t start = 0;
  std::size_t digits = 0;
  while (digits < value.size() && digits < 19 && is_digit(value[digits])) {
    start = start * 10 + static_cast<std::uint64_t>(value[digits] - '0');
    ++digits;
  }
  if (digits == 0 || digits >= value.size() || value[digits] != '-') return std::nullopt;
  return start;
}

void read_response_header_line(std::string_view line, HttpResponse& head, long& status) {
  if (starts_with_ignoring_case(line, "HTTP/")) {
    head.etag.clear();
    head.last_modified.clear();
    head.range_start.reset();
    // "HTTP/1.1 200 OK", "HTTP/2 304": exactly three digits after the first space, the first
    // not 0 (RFC 9110 15: a status is 100-999; "006" would otherwise pass as status 6).
    const std::size_t space = line.find(' ');
    const std::string_view code =
        space == std::string_view::npos ? std::string_view{} : line.substr(space + 1);
    const bool three_digits = code.size() >= 3 && is_digit(code[0]) && code[0] != '0' && is_digit(code[1]) &&
                              is_digit(code[2]) && (code.size() == 3 || !is_digit(code[3]));
    status = three_digits ? (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0') : 0;
    return;
  }
  if (starts_with_ignoring_case(line, "ETag:")) {
    head.etag = trimmed(line.substr(5)).substr(0, 256);
  } else if (starts_with_ignoring_case(line, "Last-Modified:")) {
    head.last_modified = trimmed(line.substr(14)).substr(0, 128);
  } else if (starts_with_ignoring_case(line, "Content-Range:")) {
    head.range_start = parse_content_range_start(trimmed(line.substr(14)));
  }
}

}  // namespace gatecast::content
