#pragma once
// The header lines of an HTTP response, as libcurl hands them over one by one: the bytes come
// from whatever server (or whatever sits between) answered, so this is a parser of untrusted
// input with its own tests and fuzz target (tests/fuzz/fuzz_response_header.cpp).
#include <cstdint>
#include <optional>
#include <string_view>

#include "content/sources/http_client.hpp"

namespace gatecast::content {

// Reads one header line (with or without its CRLF) into `head`. A status line ("HTTP/1.1 304
// Not Modified") starts a new response: the validators and range of the previous one (a
// redirect, a 100 Continue) are forgotten and `status` becomes its three-digit code, or 0 when
// there is none. ETag (kept up to 256 bytes), Last-Modified (128) and a 206's Content-Range
// start are kept; every other line is ignored. Never throws.
void read_response_header_line(std::string_view line, HttpResponse& head, long& status);

// "bytes 100-199/200" -> 100; nullopt for anything else (a start of more than 19 digits too).
[[nodiscard]] std::optional<std::uint64_t> parse_content_range_start(std::string_view value);

// ASCII case-insensitive prefix test, as HTTP header names and URL schemes compare.
[[nodiscard]] bool starts_with_ignoring_case(std::string_view s, std::string_view prefix);

}  // namespace gatecast::content
