#pragma once
// The play-log line reader as it was before it became a single pass: the strict JSON reader
// (content/base/json_reader.hpp) builds a tree and ObjectReader checks every key. Slow and
// plainly right, it is the oracle the fast reader is compared with on hostile lines.
#include <algorithm>
#include <string>

#include "content/base/json_reader.hpp"
#include "content/base/rfc3339.hpp"
#include "content/manifest/manifest_json.hpp"
#include "content/reports/playlog.hpp"

namespace gatecast::test {

// {"language": "words", ...} as the manifest allows a title.
inline bool read_reference_title(const nlohmann::json& title, content::Title& out) {
  using namespace content;
  if (!title.is_object() || title.empty() || title.size() > max_title_languages) return false;
  for (const auto& [language, words] : title.items()) {
    if (!is_language_code(language) || !words.is_string()) return false;
    const auto& w = words.get_ref<const std::string&>();
    if (w.empty() || w.size() > max_title_bytes || std::any_of(w.begin(), w.end(), [](char c) {
          return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
        }))
      return false;
    out[language] = w;
  }
  return true;
}

inline bool reference_parse_play_record_line(const std::string& line, content::LoggedPlay& out) {
  using namespace content;
  constexpr std::size_t kMaxLineBytes = 64u << 10, kMaxAssets = 512, kMaxName = 256;
  const auto bounded_name = [](const std::string& s) { return !s.empty() && s.size() <= kMaxName; };
  const auto lower_hex = [](const std::string& s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
  };
  if (line.empty() || line.size() > kMaxLineBytes || line.front() != '{') return false;
  try {
    JsonLimits limits;
    limits.max_bytes = kMaxLineBytes;
    limits.max_depth = 4;
    limits.max_string_bytes = kMaxName * 2;
    const nlohmann::json j = parse_json(line, "play log", limits);
    ObjectReader r(j, "", "play log");
    out = LoggedPlay{};
    out.id = r.string("id");
    out.sequence = static_cast<std::uint64_t>(r.integer("seq", 1, INT64_MAX));
    if (const nlohmann::json* prev = r.optional("prev")) {
      if (!prev->is_string() || prev->get<std::string>().size() != 64 || !lower_hex(prev->get<std::string>()))
        return false;
      out.prev = prev->get<std::string>();
    }
    if (const nlohmann::json* kind = r.optional("kind")) {
      if (*kind == "install") {
        out.play.kind = RecordKind::install;
      } else if (*kind == "bench") {
        out.play.kind = RecordKind::bench;
      } else {
        return false;
      }
    }
    for (auto [key, field] : {std::pair{"screen", &out.play.screen}, {"channel", &out.play.channel}}) {
      const nlohmann::json& v = r.required(key);
      if (!v.is_string()) return false;
      *field = v.get<std::string>();
    }
    out.play.version = r.integer("version", 0, INT64_MAX);
    const std::string suffix = "-" + std::to_string(out.sequence);
    const bool id_ok = out.id.size() > suffix.size() && out.id.ends_with(suffix) && out.id.size() <= 64;
    if (out.play.kind == RecordKind::install) {
      out.play.source = r.string("source");
      const nlohmann::json& key_id = r.required("key_id");
      if (!key_id.is_string()) return false;
      out.play.key_id = key_id.get<std::string>();
      out.play.start = out.play.end = parse_rfc3339(r.string("at"), "play log");
      r.finish();
      const bool key_ok = out.play.key_id.size() <= 16 &&
                          std::all_of(out.play.key_id.begin(), out.play.key_id.end(), [](char c) {
                            return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
                          });
      return (out.play.source == "server" || out.play.source == "usb") && key_ok && id_ok &&
             out.play.screen.size() <= kMaxName && bounded_name(out.play.channel);
    }
    out.play.playlist = r.string("playlist");
    out.play.slide_index = static_cast<int>(r.integer("slide", 0, 100000));
    const nlohmann::json& assets = r.required("assets");
    if (!assets.is_array() || assets.size() > kMaxAssets) return false;
    for (const auto& a : assets) {
      if (!a.is_string() || !bounded_name(a.get<std::string>())) return false;
      out.play.assets.push_back(a.get<std::string>());
    }
    if (const nlohmann::json* titles = r.optional("titles")) {
      if (!titles->is_object() || titles->size() > kMaxAssets) return false;
      for (const auto& [asset, title] : titles->items()) {
        if (std::find(out.play.assets.begin(), out.play.assets.end(), asset) == out.play.assets.end())
          return false;
        if (!read_reference_title(title, out.play.titles[asset])) return false;
      }
    }
    if (const nlohmann::json* slide_title = r.optional("slide_title")) {
      if (!out.play.assets.empty() || !read_reference_title(*slide_title, out.play.slide_title)) return false;
    }
    if (out.play.kind == RecordKind::bench) {
      out.play.start = out.play.end = parse_rfc3339(r.string("at"), "play log");
    } else {
      out.play.start = parse_rfc3339(r.string("start"), "play log");
      out.play.end = parse_rfc3339(r.string("end"), "play log");
    }
    r.finish();
    return id_ok && out.play.end >= out.play.start && out.play.screen.size() <= kMaxName &&
           out.play.channel.size() <= kMaxName && bounded_name(out.play.playlist);
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace gatecast::test
