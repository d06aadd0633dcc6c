#include "content/base/json_reader.hpp"

#include <cmath>
#include <cstring>
#include <sstream>
#include <vector>

namespace gatecast::content {

namespace {

bool all_ascii8(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return (word & 0x8080808080808080ull) == 0;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  const std::size_t n = bytes.size();
  while (i < n) {
    // Eight ASCII bytes at a time: most of what is checked (JSON keys, names, times) is ASCII.
    while (i + 8 <= n && all_ascii8(bytes.data() + i)) i += 8;
    if (i == n) break;
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int extra = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + static_cast<std::size_t>(extra) >= n) return false;
    for (int k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(bytes[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr std::uint32_t smallest[] = {0, 0x80, 0x800, 0x10000};
    if (cp < smallest[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += static_cast<std::size_t>(extra) + 1;
  }
  return true;
}

namespace {

// 0 and 86400 rather than nlohmann's 0.0 and 86400.0: messages are read by people.
std::string plain_number(double n) {
  std::ostringstream out;
  out << n;
  return out.str();
}

// Per open object, the keys seen so far: nlohmann keeps the last of duplicate keys silently,
// and two readers of one manifest must never disagree on what it says.
struct ParseGuard {
  const JsonLimits& limits;
  const std::string& subject;
  Outcome kind;
  std::vector<std::set<std::string>> open_objects;

  bool on_event(int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (depth > limits.max_depth) {
      throw Error(kind, Reason::limit, subject,
                  "JSON nested deeper than " + std::to_string(limits.max_depth) + " levels");
    }
    switch (event) {
      case Event::object_start:
        open_objects.emplace_back();
        break;
      case Event::object_end:
        if (!open_objects.empty()) open_objects.pop_back();
        break;
      case Event::key: {
        const auto& key = parsed.get_ref<const std::string&>();
        if (!open_objects.empty() && !open_objects.back().insert(key).second) {
          throw Error(kind, Reason::schema, subject, "key '" + key + "' appears twice in one object");
        }
        break;
      }
      case Event::value:
        if (parsed.is_string() && parsed.get_ref<const std::string&>().size() > limits.max_string_bytes) {
          throw Error(kind, Reason::limit, subject,
                      "a string is longer than " + std::to_string(limits.max_string_bytes) + " bytes");
        }
        break;
      default:
        break;
    }
    return true;
  }
};

}  // namespace

nlohmann::json parse_json(std::string_view raw, const std::string& subject, const JsonLimits& limits,
                          Outcome kind) {
  if (raw.size() > limits.max_bytes) {
    throw Error(kind, Reason::limit, subject,
                "is " + std::to_string(raw.size()) + " bytes, more than the limit of " +
                    std::to_string(limits.max_bytes));
  }
  if (raw.empty()) throw Error(kind, Reason::schema, subject, "is empty");
  if (!is_valid_utf8(raw)) throw Error(kind, Reason::schema, subject, "is not valid UTF-8");
  ParseGuard guard{limits, subject, kind, {}};
  try {
    return nlohmann::json::parse(
        raw.begin(), raw.end(),
        [&guard](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
          return guard.on_event(depth, event, parsed);
        },
        /*allow_exceptions=*/true, /*ignore_comments=*/false);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann's message carries the byte position; keep it short and plain.
    std::string what = e.what();
    if (auto colon = what.find("parse error"); colon != std::string::npos) what = what.substr(colon);
    throw Error(kind, Reason::schema, subject, "is not valid JSON (" + what + ")");
  } catch (const nlohmann::json::out_of_range&) {  // a number such as 1e99999
    throw Error(kind, Reason::limit, subject, "holds a number too large to represent");
  }
}

std::string join_path(const std::string& base, const std::string& member) {
  if (base.empty()) return member;
  if (!member.empty() && member.front() == '[') return base + member;
  return base + "." + member;
}

ObjectReader::ObjectReader(const nlohmann::json& value, std::string path, std::string subject, Outcome kind)
    : object_(value), path_(std::move(path)), subject_(std::move(subject)), kind_(kind) {
  if (!object_.is_object()) {
    throw Error(kind_, Reason::schema, subject_,
                (path_.empty() ? std::string("top level") : path_) + ": expected an object");
  }
}

std::string ObjectReader::path_of(const std::string& key) const {
  return join_path(path_, key);
}

void ObjectReader::fail(const std::string& key, const std::string& problem) const {
  fail(Reason::schema, key, problem);
}

void ObjectReader::fail(Reason reason, const std::string& key, const std::string& problem) const {
  throw Error(kind_, reason, subject_, (key.empty() ? path_ : path_of(key)) + ": " + problem);
}

const nlohmann::json* ObjectReader::optional(const std::string& key) {
  seen_.insert(key);
  auto it = object_.find(key);
  if (it == object_.end()) return nullptr;
  // A null would otherwise silently mean "the default": say so instead.
  if (it->is_null()) fail(key, "is null (leave the key out for the default)");
  return &*it;
}

const nlohmann::json& ObjectReader::required(const std::string& key) {
  const nlohmann::json* value = optional(key);
  if (!value) fail(key, "is missing");
  return *value;
}

std::string ObjectReader::string(const std::string& key) {
  const nlohmann::json& v = required(key);
  if (!v.is_string()) fail(key, "expected a string");
  if (v.get_ref<const std::string&>().empty()) fail(key, "is empty");
  return v.get<std::string>();
}

std::string ObjectReader::string_or(const std::string& key, std::string fallback) {
  if (!optional(key)) return fallback;
  return string(key);
}

std::int64_t ObjectReader::integer(const std::string& key, std::int64_t min, std::int64_t max) {
  const nlohmann::json& v = required(key);
  if (!v.is_number_integer()) fail(key, "expected a whole number");
  // Unsigned values above INT64_MAX would wrap; compare in the type nlohmann holds.
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    fail(key, "must be at most " + std::to_string(max));
  }
  const auto n = v.get<std::int64_t>();
  if (n < min || n > max) fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  return n;
}

std::int64_t ObjectReader::integer_or(const std::string& key, std::int64_t min, std::int64_t max,
                                      std::int64_t fallback) {
  if (!optional(key)) return fallback;
  return integer(key, min, max);
}

double ObjectReader::number(const std::string& key, double min, double max) {
  const nlohmann::json& v = required(key);
  if (!v.is_number()) fail(key, "expected a number");
  const double n = v.get<double>();
  if (!std::isfinite(n) || n < min || n > max) {
    fail(key, "must be between " + plain_number(min) + " and " + plain_number(max));
  }
  return n;
}

double ObjectReader::number_or(const std::string& key, double min, double max, double fallback) {
  if (!optional(key)) return fallback;
  return number(key, min, max);
}

bool ObjectReader::boolean_or(const std::string& key, bool fallback) {
  const nlohmann::json* v = optional(key);
  if (!v) return fallback;
  if (!v->is_boolean()) fail(key, "expected true or false");
  return v->get<bool>();
}

void ObjectReader::finish() const {
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (!seen_.count(it.key())) fail(it.key(), "unknown key (not part of the format; a typo?)");
  }
}

}  // namespace gatecast::content
