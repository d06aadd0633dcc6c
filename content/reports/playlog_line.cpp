// One play-log line, written and read (the format: docs/reports.md). The writer goes through
// nlohmann (one line per slide end, sorted keys, no spaces). The reader is a single pass over
// the bytes for exactly the flat shape the writer makes: `gatecast report` reads tens of
// millions of lines, and a JSON tree per line cost it most of its time. It refuses everything
// the strict JSON reader (content/base/json_reader.hpp) refuses for these lines: invalid UTF-8,
// duplicate or unknown keys, wrong types, strings past their bounds, trailing bytes.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "content/base/error.hpp"
#include "content/base/json_reader.hpp"
#include "content/base/rfc3339.hpp"
#include "content/base/sha256.hpp"
#include "content/manifest/manifest_json.hpp"
#include "content/reports/playlog.hpp"

namespace gatecast::content {
namespace {

constexpr std::size_t kMaxLineBytes = 64u << 10;
constexpr std::size_t kMaxAssetsPerRecord = 512;
constexpr std::size_t kMaxNameBytes = 256;
constexpr std::size_t kMaxStringBytes = 2 * kMaxNameBytes;  // any string value, decoded

bool is_lower_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool bounded_name(std::string_view s) {
  return !s.empty() && s.size() <= kMaxNameBytes;
}

// A title as the manifest allows it: one line, no control characters, bounded.
bool is_title_text(std::string_view s) {
  if (s.empty() || s.size() > max_title_bytes) return false;
  return std::none_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

// "<log id>-<seq>": at most 64 bytes, a non-empty log id, and exactly this sequence.
bool id_names_sequence(std::string_view id, std::uint64_t seq) {
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, seq);
  const std::string_view tail(digits, static_cast<std::size_t>(end - digits));
  return ec == std::errc() && id.size() <= 64 && id.size() > tail.size() + 1 && id.ends_with(tail) &&
         id[id.size() - tail.size() - 1] == '-';
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// JSON tokens over one line whose UTF-8 was checked first. Every read returns false on the
// first byte that is not what a record may hold there; the caller gives up on the line.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool at_end() {
    skip_space();
    return pos_ == text_.size();
  }

  bool eat(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool peek(char c) {
    skip_space();
    return pos_ < text_.size() && text_[pos_] == c;
  }

  // A string token. `out` views the line itself when the string has no escapes, else
  // `scratch`, which holds it decoded.
  bool string(std::string_view& out, std::string& scratch) {
    if (!eat('"')) return false;
    const std::size_t start = pos_;
    while (pos_ < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        out = text_.substr(start, pos_ - start);
        ++pos_;
        return out.size() <= kMaxStringBytes;
      }
      if (c == '\\') break;
      if (c < 0x20) return false;
      ++pos_;
    }
    scratch.assign(text_.substr(start, pos_ - start));
    while (pos_ < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[pos_++]);
      if (c == '"') {
        out = scratch;
        return scratch.size() <= kMaxStringBytes;
      }
      if (c < 0x20) return false;
      if (c != '\\') {
        scratch += static_cast<char>(c);
        continue;
      }
      if (pos_ >= text_.size()) return false;
      switch (text_[pos_++]) {
        case '"':
          scratch += '"';
          break;
        case '\\':
          scratch += '\\';
          break;
        case '/':
          scratch += '/';
          break;
        case 'b':
          scratch += '\b';
          break;
        case 'f':
          scratch += '\f';
          break;
        case 'n':
          scratch += '\n';
          break;
        case 'r':
          scratch += '\r';
          break;
        case 't':
          scratch += '\t';
          break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate alone
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t low = 0;
            if (pos_ + 2 > text_.size() || text_[pos_] != '\\' || text_[pos_ + 1] != 'u') return false;
            pos_ += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(scratch, cp);
          break;
        }
        default:
          return false;
      }
      if (scratch.size() > kMaxStringBytes) return false;
    }
    return false;
  }

  // A whole number as JSON writes one (no fraction, no exponent, no leading zeros), in
  // [min, max].
  bool integer(std::int64_t& out, std::int64_t min, std::int64_t max) {
    skip_space();
    const bool negative = pos_ < text_.size() && text_[pos_] == '-';
    if (negative) ++pos_;
    const std::size_t first = pos_;
    std::uint64_t value = 0;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      const auto digit = static_cast<std::uint64_t>(text_[pos_] - '0');
      if (value > (UINT64_MAX - digit) / 10) return false;
      value = value * 10 + digit;
      ++pos_;
    }
    const std::size_t digits = pos_ - first;
    if (digits == 0 || (digits > 1 && text_[first] == '0')) return false;
    if (pos_ < text_.size() && (text_[pos_] == '.' || text_[pos_] == 'e' || text_[pos_] == 'E')) return false;
    if (negative) {
      if (value > static_cast<std::uint64_t>(INT64_MAX)) return false;
      out = -static_cast<std::int64_t>(value);
    } else {
      if (value > static_cast<std::uint64_t>(INT64_MAX)) return false;
      out = static_cast<std::int64_t>(value);
    }
    return out >= min && out <= max;
  }

 private:
  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r' || text_[pos_] == '\n'))
      ++pos_;
  }

  bool hex4(std::uint32_t& out) {
    if (pos_ + 4 > text_.size()) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[pos_++];
      out <<= 4;
      if (c >= '0' && c <= '9') {
        out |= static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        out |= static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        out |= static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

enum Key : unsigned {
  k_id,
  k_seq,
  k_prev,
  k_kind,
  k_screen,
  k_channel,
  k_version,
  k_playlist,
  k_slide,
  k_assets,
  k_titles,
  k_start,
  k_end,
  k_at,
  k_source,
  k_key_id,
  k_slide_title,
  k_unknown
};

// By length first: one comparison of a few bytes per key rather than a scan of the table.
Key key_of(std::string_view k) {
  const auto is = [&](std::string_view name, Key key) { return k == name ? key : k_unknown; };
  switch (k.size()) {
    case 2:
      return k[0] == 'i' ? is("id", k_id) : is("at", k_at);
    case 3:
      return k[0] == 's' ? is("seq", k_seq) : is("end", k_end);
    case 4:
      return k[0] == 'p' ? is("prev", k_prev) : is("kind", k_kind);
    case 5:
      return k[0] == 's' ? (k[1] == 'l' ? is("slide", k_slide) : is("start", k_start)) : k_unknown;
    case 6:
      switch (k[0]) {
        case 's':
          return k[1] == 'c' ? is("screen", k_screen) : is("source", k_source);
        case 'a':
          return is("assets", k_assets);
        case 't':
          return is("titles", k_titles);
        case 'k':
          return is("key_id", k_key_id);
        default:
          return k_unknown;
      }
    case 7:
      return k[0] == 'c' ? is("channel", k_channel) : is("version", k_version);
    case 8:
      return is("playlist", k_playlist);
    case 11:
      return is("slide_title", k_slide_title);
    default:
      return k_unknown;
  }
}

constexpr unsigned bit(Key k) {
  return 1u << k;
}

// {"language": "words", ...}: 1 to max_title_languages titles as the manifest allows them.
bool read_title(Scanner& in, Title& title, std::string& scratch) {
  title.clear();
  if (!in.eat('{') || in.eat('}')) return false;
  std::string language;
  do {
    std::string_view k, v;
    if (!in.string(k, scratch)) return false;
    language.assign(k);
    if (!in.eat(':') || !in.string(v, scratch)) return false;
    if (!is_language_code(language) || !is_title_text(v) || title.size() >= max_title_languages) return false;
    if (!title.emplace(language, v).second) return false;  // the same language twice
  } while (in.eat(','));
  return in.eat('}');
}

// {"asset": title, ...}, possibly empty.
bool read_titles(Scanner& in, std::map<std::string, Title>& titles, std::string& scratch) {
  titles.clear();
  if (!in.eat('{')) return false;
  if (in.eat('}')) return true;
  std::string asset;
  do {
    std::string_view k;
    if (!in.string(k, scratch)) return false;
    asset.assign(k);
    if (!in.eat(':') || titles.size() >= kMaxAssetsPerRecord) return false;
    Title title;
    if (!read_title(in, title, scratch)) return false;
    if (!titles.emplace(std::move(asset), std::move(title)).second) return false;
  } while (in.eat(','));
  return in.eat('}');
}

bool read_assets(Scanner& in, std::vector<std::string>& assets, std::string& scratch) {
  assets.clear();
  if (!in.eat('[')) return false;
  if (in.eat(']')) return true;
  do {
    std::string_view v;
    if (!in.string(v, scratch) || !bounded_name(v) || assets.size() >= kMaxAssetsPerRecord) return false;
    assets.emplace_back(v);
  } while (in.eat(','));
  return in.eat(']');
}

bool read_time_text(std::string_view text, Instant& out) {
  if (text.empty()) return false;
  try {
    out = parse_rfc3339(text, "play log");
  } catch (const Error&) {
    return false;
  }
  return true;
}

}  // namespace

std::string record_link(std::string_view line) {
  return sha256_hex(line);
}

std::string play_record_line(const std::string& id, std::uint64_t sequence, const PlayRecord& play,
                             const std::string& prev) {
  nlohmann::json j;
  if (play.kind == RecordKind::install) {
    j = {{"id", id},
         {"seq", sequence},
         {"kind", "install"},
         {"screen", play.screen},
         {"channel", play.channel},
         {"version", play.version},
         {"source", play.source},
         {"key_id", play.key_id},
         {"at", format_rfc3339(play.start)}};
  } else {
    j = {{"id", id},
         {"seq", sequence},
         {"screen", play.screen},
         {"channel", play.channel},
         {"version", play.version},
         {"playlist", play.playlist},
         {"slide", play.slide_index},
         {"assets", play.assets}};
    if (play.kind == RecordKind::bench) {
      j["kind"] = "bench";
      j["at"] = format_rfc3339(play.start);
    } else {
      j["start"] = format_rfc3339(play.start);
      j["end"] = format_rfc3339(play.end);
    }
    if (!play.titles.empty()) j["titles"] = play.titles;
    if (!play.slide_title.empty()) j["slide_title"] = play.slide_title;
  }
  if (!prev.empty()) j["prev"] = prev;
  std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (line.size() > kMaxLineBytes && (j.contains("titles") || j.contains("slide_title"))) {
    // The record is the proof; the words are a courtesy. A slide with very many titled
    // pictures logs its record without them rather than a line no reader accepts.
    j.erase("titles");
    j.erase("slide_title");
    line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return line;
}

bool parse_play_record_line(std::string_view line, LoggedPlay& out) {
  if (line.empty() || line.size() > kMaxLineBytes || line.front() != '{' || !is_valid_utf8(line))
    return false;
  Scanner in(line);
  std::string scratch;
  std::string_view v;
  std::string_view kind, start_text, end_text;
  std::string start_scratch, end_scratch;
  std::int64_t seq = 0, slide = 0;
  unsigned seen = 0;
  LoggedPlay& o = out;
  o.prev.clear();
  o.play.titles.clear();
  o.play.slide_title.clear();
  if (!in.eat('{') || in.peek('}')) return false;
  do {
    std::string_view k;
    if (!in.string(k, scratch)) return false;
    const Key key = key_of(k);
    if (key == k_unknown || (seen & bit(key)) || !in.eat(':')) return false;
    seen |= bit(key);
    switch (key) {
      case k_id:
        if (!in.string(v, scratch) || v.empty()) return false;
        o.id.assign(v);
        break;
      case k_seq:
        if (!in.integer(seq, 1, INT64_MAX)) return false;
        break;
      case k_prev:
        if (!in.string(v, scratch) || v.size() != 64 || !is_lower_hex(v)) return false;
        o.prev.assign(v);
        break;
      case k_kind:
        if (!in.string(v, scratch) || (v != "install" && v != "bench")) return false;
        kind = v == "install" ? "install" : "bench";  // not the scratch: it is reused
        break;
      case k_screen:
        if (!in.string(v, scratch)) return false;  // may be empty: a player without a screen id
        o.play.screen.assign(v);
        break;
      case k_channel:
        if (!in.string(v, scratch)) return false;
        o.play.channel.assign(v);
        break;
      case k_version:
        if (!in.integer(o.play.version, 0, INT64_MAX)) return false;
        break;
      case k_playlist:
        if (!in.string(v, scratch) || v.empty()) return false;
        o.play.playlist.assign(v);
        break;
      case k_slide:
        if (!in.integer(slide, 0, 100000)) return false;
        break;
      case k_assets:
        if (!read_assets(in, o.play.assets, scratch)) return false;
        break;
      case k_titles:
        if (!read_titles(in, o.play.titles, scratch)) return false;
        break;
      case k_slide_title:
        if (!read_title(in, o.play.slide_title, scratch)) return false;
        break;
      case k_start:
      case k_at:
        if (!in.string(v, start_scratch) || v.empty()) return false;
        start_text = v;
        break;
      case k_end:
        if (!in.string(v, end_scratch) || v.empty()) return false;
        end_text = v;
        break;
      case k_source:
        if (!in.string(v, scratch) || v.empty()) return false;
        o.play.source.assign(v);
        break;
      case k_key_id:
        if (!in.string(v, scratch)) return false;
        o.play.key_id.assign(v);
        break;
      case k_unknown:
        return false;
    }
  } while (in.eat(','));
  if (!in.eat('}') || !in.at_end()) return false;
  if ((seen & bit(k_start)) && (seen & bit(k_at))) return false;

  const unsigned common = bit(k_id) | bit(k_seq) | bit(k_screen) | bit(k_channel) | bit(k_version);
  const unsigned optional = bit(k_prev) | bit(k_kind);
  unsigned shape = 0;
  if (kind == "install") {
    o.play.kind = RecordKind::install;
    shape = bit(k_source) | bit(k_key_id) | bit(k_at);
  } else if (kind == "bench") {
    o.play.kind = RecordKind::bench;
    shape = bit(k_playlist) | bit(k_slide) | bit(k_assets) | bit(k_at);
  } else {
    o.play.kind = RecordKind::play;
    shape = bit(k_playlist) | bit(k_slide) | bit(k_assets) | bit(k_start) | bit(k_end);
  }
  const unsigned may = o.play.kind == RecordKind::install ? 0u : bit(k_titles) | bit(k_slide_title);
  if ((seen & (common | shape)) != (common | shape) || (seen & ~(common | shape | optional | may)) != 0)
    return false;

  o.sequence = static_cast<std::uint64_t>(seq);
  if (!id_names_sequence(o.id, o.sequence)) return false;
  // screen and channel may be empty (a player without a screen id, the demo); never too long.
  if (o.play.screen.size() > kMaxNameBytes) return false;

  Instant start;
  if (!read_time_text(start_text, start)) return false;
  if (o.play.kind == RecordKind::install) {
    o.play.start = o.play.end = start;
    o.play.playlist.clear();
    o.play.slide_index = 0;
    o.play.assets.clear();
    const bool known_source = o.play.source == "server" || o.play.source == "usb";
    const bool key_ok = o.play.key_id.size() <= 16 &&
                        std::all_of(o.play.key_id.begin(), o.play.key_id.end(),
                                    [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); });
    return known_source && key_ok && bounded_name(o.play.channel);
  }
  o.play.source.clear();
  o.play.key_id.clear();
  o.play.slide_index = static_cast<int>(slide);
  o.play.start = start;
  if (o.play.kind == RecordKind::bench) {
    o.play.end = start;
  } else if (!read_time_text(end_text, o.play.end) || o.play.end < o.play.start) {
    return false;
  }
  for (const auto& [asset, title] : o.play.titles) {
    if (std::find(o.play.assets.begin(), o.play.assets.end(), asset) == o.play.assets.end()) return false;
  }
  if (!o.play.slide_title.empty() && !o.play.assets.empty()) return false;  // only a text slide has one
  return o.play.channel.size() <= kMaxNameBytes && bounded_name(o.play.playlist);
}

}  // namespace gatecast::content
