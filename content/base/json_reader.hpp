#pragma once
// Reading untrusted JSON (manifests, configs, authoring files) strictly: bounded size and
// depth, valid UTF-8, no duplicate keys, and objects whose every key must be known. Each
// problem becomes one gatecast::Error naming the file and the JSON path ("playlists.day.
// slides[2].duration: expected a number > 0").
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "content/base/error.hpp"

namespace gatecast::content {

struct JsonLimits {
  std::size_t max_bytes = 4u << 20;
  int max_depth = 32;
  std::size_t max_string_bytes = 64u << 10;
};

// Parses `raw`, checking size before anything else. Problems throw Error(kind, subject, ...):
// Reason::limit for a bound (bytes, depth, string length), Reason::schema for the rest.
[[nodiscard]] nlohmann::json parse_json(std::string_view raw, const std::string& subject,
                                        const JsonLimits& limits, Outcome kind = Outcome::rejected);

// True when `bytes` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
[[nodiscard]] bool is_valid_utf8(std::string_view bytes);

// A strict view of one JSON object. Reads tick keys off; finish() refuses any key not read,
// so that a typo cannot silently change what plays.
class ObjectReader {
 public:
  // `path` is where the object sits ("" for the top, "layouts.hero"); throws unless `value`
  // is an object.
  ObjectReader(const nlohmann::json& value, std::string path, std::string subject,
               Outcome kind = Outcome::rejected);

  [[nodiscard]] const nlohmann::json& required(const std::string& key);
  [[nodiscard]] const nlohmann::json* optional(const std::string& key);  // nullptr when absent; null refused

  [[nodiscard]] std::string string(const std::string& key);  // required, non-empty
  [[nodiscard]] std::string string_or(const std::string& key, std::string fallback);
  [[nodiscard]] std::int64_t integer(const std::string& key, std::int64_t min, std::int64_t max);
  [[nodiscard]] std::int64_t integer_or(const std::string& key, std::int64_t min, std::int64_t max,
                                        std::int64_t fallback);
  [[nodiscard]] double number(const std::string& key, double min, double max);
  [[nodiscard]] double number_or(const std::string& key, double min, double max, double fallback);
  [[nodiscard]] bool boolean_or(const std::string& key, bool fallback);

  // "path.key" for messages about a member.
  [[nodiscard]] std::string path_of(const std::string& key) const;
  const std::string& path() const { return path_; }
  const std::string& subject() const { return subject_; }
  Outcome kind() const { return kind_; }

  // Refuses the first key that was never read.
  void finish() const;

  // Refuses `key` (the object itself when empty) as Reason::schema, or as `reason`.
  [[noreturn]] void fail(const std::string& key, const std::string& problem) const;
  [[noreturn]] void fail(Reason reason, const std::string& key, const std::string& problem) const;

 private:
  const nlohmann::json& object_;
  std::string path_;
  std::string subject_;
  Outcome kind_;
  std::set<std::string> seen_;
};

// "a.b" + "c" -> "a.b.c"; "" + "c" -> "c"; "a" + "[2]" -> "a[2]".
[[nodiscard]] std::string join_path(const std::string& base, const std::string& member);

}  // namespace gatecast::content
