#include "content/reports/report_inputs.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "content/base/base64.hpp"
#include "content/base/error.hpp"
#include "content/base/json_reader.hpp"
#include "content/base/rfc3339.hpp"
#include "content/reports/screen_key.hpp"
#include "scheduler/calendar.hpp"

namespace gatecast::content {
namespace {

constexpr std::size_t kMaxSignatureBytes = 16u << 10;
constexpr std::size_t kMaxScreenshotBytes = 60u << 10;

std::optional<scheduler::DailyWindow> window_of(const std::string& text) {
  const auto dash = text.find('-');
  if (dash == std::string::npos) return std::nullopt;
  const auto start = scheduler::parse_time_of_day(text.substr(0, dash), false);
  const auto end = scheduler::parse_time_of_day(text.substr(dash + 1), true);
  if (!start || !end) return std::nullopt;
  return scheduler::DailyWindow{*start, *end};
}

std::string string_or_empty(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<Instant> time_or_none(const nlohmann::json& j, const char* key) {
  const std::string text = string_or_empty(j, key);
  if (text.empty()) return std::nullopt;
  try {
    return parse_rfc3339(text, "heartbeat");
  } catch (const Error&) {
    return std::nullopt;
  }
}

template <typename T>
T number_or(const nlohmann::json& j, const char* key, T fallback) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return fallback;
  const auto v = it->get<std::int64_t>();
  return v >= 0 ? static_cast<T>(v) : fallback;
}

bool is_plain_dir(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::symlink_status(p, ec).type() == std::filesystem::file_type::directory;
}

bool is_plain_file(const std::filesystem::directory_entry& e) {
  std::error_code ec;
  return e.symlink_status(ec).type() == std::filesystem::file_type::regular;
}

void collect(ScreenFolder& folder, const std::filesystem::path& root, std::uint64_t& files,
             std::uint64_t max_files) {
  std::error_code ec;
  std::filesystem::recursive_directory_iterator it(folder.path, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    if (!is_plain_file(*it)) continue;
    if (++files > max_files) fail_runtime(Reason::limit, root.string(), "too many files");
    const auto& p = it->path();
    const std::string name = p.filename().string();
    if (name.ends_with(".jsonl")) {
      std::filesystem::path sig = p;
      sig += ".minisig";
      folder.logs.push_back({p, std::filesystem::relative(p, root, ec).string(),
                             std::filesystem::exists(sig, ec) ? sig : std::filesystem::path()});
    } else if (name.ends_with(".json") && p.parent_path().filename() == "heartbeat") {
      folder.heartbeats.push_back(p);
    }
  }
  if (ec) fail_runtime(Reason::io, folder.path.string(), "cannot read: " + ec.message());
  std::sort(folder.logs.begin(), folder.logs.end(),
            [](const auto& a, const auto& b) { return a.path < b.path; });
  std::sort(folder.heartbeats.begin(), folder.heartbeats.end(),
            [](const auto& a, const auto& b) { return a.filename() < b.filename(); });
}

}  // namespace

std::optional<HeartbeatInfo> parse_heartbeat(std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes) return std::nullopt;
  nlohmann::json j;
  try {
    JsonLimits limits;
    limits.max_bytes = max_bytes;
    limits.max_depth = 4;
    limits.max_string_bytes = max_bytes;
    j = parse_json(text, "heartbeat", limits);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (!j.is_object()) return std::nullopt;
  HeartbeatInfo h;
  h.screen = string_or_empty(j, "screen");
  const auto at = time_or_none(j, "at");
  if (!at || h.screen.empty() || h.screen.size() > 256) return std::nullopt;
  h.at = *at;
  h.channel = string_or_empty(j, "channel");
  h.version = number_or<std::int64_t>(j, "version", 0);
  h.expires = time_or_none(j, "expires");
  h.last_error = string_or_empty(j, "last_error").substr(0, 2000);
  h.last_success = time_or_none(j, "last_success");
  h.disk_free_bytes = number_or<std::uint64_t>(j, "disk_free_bytes", 0);
  h.screen_key = string_or_empty(j, "screen_key");
  h.clock_problem = string_or_empty(j, "clock_problem").substr(0, 256);
  // A screen reports every few minutes; anything outside a day is not an interval it keeps, and
  // a huge one would overflow the milliseconds it becomes.
  const std::int64_t interval = number_or<std::int64_t>(j, "interval_seconds", 0);
  h.interval = std::chrono::seconds(interval >= 0 && interval <= 86400 ? interval : 0);
  if (const auto it = j.find("channels"); it != j.end() && it->is_object() && it->size() <= 64) {
    for (const auto& [channel, version] : it->items()) {
      if (version.is_number_integer() && channel.size() <= 256)
        h.channels[channel] = version.get<std::int64_t>();
    }
  }
  if (h.channels.empty() && !h.channel.empty()) h.channels[h.channel] = h.version;
  h.policy.on_hours = window_of(string_or_empty(j, "on_hours"));
  h.policy.dim_hours = window_of(string_or_empty(j, "dim_hours"));
  if (const std::string shot = string_or_empty(j, "screenshot_jpeg"); !shot.empty()) {
    // A JPEG starts with SOI; anything else (or too big) is not shown to the office.
    if (auto bytes = base64_decode(shot);
        bytes && bytes->size() <= kMaxScreenshotBytes && bytes->size() > 4 &&
        static_cast<unsigned char>((*bytes)[0]) == 0xFF && static_cast<unsigned char>((*bytes)[1]) == 0xD8)
      h.screenshot_jpeg = std::move(*bytes);
  }
  return h;
}

std::vector<ScreenFolder> find_screen_folders(const std::filesystem::path& root, std::uint64_t max_files) {
  if (!is_plain_dir(root)) fail_usage(root.string(), "not a folder");
  std::vector<ScreenFolder> folders;
  bool loose_logs = false;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (is_plain_dir(it->path())) {
      folders.push_back({it->path().filename().string(), it->path(), {}, {}});
    } else if (is_plain_file(*it) && it->path().extension() == ".jsonl") {
      loose_logs = true;
    }
  }
  if (ec) fail_runtime(Reason::io, root.string(), "cannot read: " + ec.message());
  std::uint64_t files = 0;
  if (loose_logs) {
    // One screen's own log folder: its files are its logs (sub-folders are not screens).
    ScreenFolder one{"", root, {}, {}};
    collect(one, root, files, max_files);
    return {std::move(one)};
  }
  std::sort(folders.begin(), folders.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  for (auto& f : folders) collect(f, root, files, max_files);
  return folders;
}

std::optional<std::string> read_bounded(const std::filesystem::path& file, std::uint64_t max_bytes) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(std::min<std::uint64_t>(max_bytes, 1u << 20)) + 1);
  std::size_t used = 0;
  for (;;) {
    in.read(bytes.data() + used, static_cast<std::streamsize>(bytes.size() - used));
    used += static_cast<std::size_t>(in.gcount());
    if (used > max_bytes) return std::nullopt;
    if (!in) break;
    bytes.resize(std::min<std::size_t>(bytes.size() * 2, static_cast<std::size_t>(max_bytes) + 1));
  }
  if (in.bad()) return std::nullopt;
  bytes.resize(used);
  return bytes;
}

SignatureCheck check_log_signature(std::string_view bytes, const std::optional<std::string>& signature_text,
                                   const PublicKey* key, const std::string& screen,
                                   const std::string& file_name, std::string& detail) {
  if (!signature_text) return SignatureCheck::missing;
  if (signature_text->size() > kMaxSignatureBytes) {
    detail = "signature file too big";
    return SignatureCheck::bad;
  }
  Signature signature;
  try {
    signature = parse_signature(*signature_text, file_name + ".minisig");
  } catch (const Error& e) {
    detail = e.problem();
    return SignatureCheck::bad;
  }
  if (!key) {
    detail = "key " + key_id_hex(signature.key_id);
    return SignatureCheck::no_key;
  }
  if (signature.key_id != key->key_id) {
    detail = "key " + key_id_hex(signature.key_id);
    return SignatureCheck::foreign_key;
  }
  std::string comment;
  try {
    comment = verify_message(bytes, *signature_text, {*key}, file_name);
  } catch (const Error& e) {
    detail = e.problem();
    return SignatureCheck::bad;
  }
  // A server batch is named "<log id>-<first>-<last>.jsonl" on the server and when signed.
  if (comment != play_log_signature_comment(screen, file_name)) {
    detail = "signed as \"" + comment.substr(0, 200) + "\"";
    return SignatureCheck::wrong_label;
  }
  return SignatureCheck::good;
}

}  // namespace gatecast::content
