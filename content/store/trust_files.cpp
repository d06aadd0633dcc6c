#include "content/store/trust_files.hpp"

#include <nlohmann/json.hpp>

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/base/rfc3339.hpp"
#include "content/store/layout.hpp"

namespace gatecast::content {

namespace {

constexpr std::uint64_t max_floor_bytes = 4096;

nlohmann::json mark_json(const TimeMark& mark) {
  return {
      {"at", format_rfc3339(mark.at)}, {"boot_id", mark.boot_id}, {"since_boot_ms", mark.since_boot.count()}};
}

std::optional<TimeMark> mark_of(const nlohmann::json& doc, const char* key, const std::string& subject) {
  const auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) return std::nullopt;
  const auto at = it->find("at");
  const auto boot = it->find("boot_id");
  const auto since = it->find("since_boot_ms");
  if (!it->is_object() || at == it->end() || !at->is_string() || boot == it->end() || !boot->is_string() ||
      since == it->end() || !since->is_number_integer() || since->get<std::int64_t>() < 0) {
    fail_runtime(Reason::io, subject, std::string("is damaged (") + key + ")");
  }
  try {
    return TimeMark{parse_rfc3339(at->get<std::string>(), subject, Outcome::runtime),
                    boot->get<std::string>(), Duration{since->get<std::int64_t>()}};
  } catch (const Error&) {
    fail_runtime(Reason::io, subject, std::string("is damaged (") + key + ".at)");
  }
}

}  // namespace

std::filesystem::path accepted_key_set_file(const std::filesystem::path& data_dir) {
  return data_dir / "keys" / "keys.json";
}

std::filesystem::path time_floor_file(const std::filesystem::path& data_dir) {
  return data_dir / "time-floor.json";
}

std::optional<std::string> read_accepted_key_set(const std::filesystem::path& data_dir) {
  return read_store_file(accepted_key_set_file(data_dir), max_key_set_bytes);
}

void write_accepted_key_set(const std::filesystem::path& data_dir, const std::string& raw) {
  create_store_folder(data_dir);
  create_store_folder(data_dir / "keys");
  write_file_atomically(accepted_key_set_file(data_dir), raw, 0644);
}

HeldKeySet held_key_set(const std::filesystem::path& data_dir, const std::vector<PublicKey>& config_keys) {
  HeldKeySet held;
  held.raw = read_accepted_key_set(data_dir);
  if (!held.raw) {
    held.set = key_set_from_config(config_keys);
    return held;
  }
  held.set = parse_key_set(*held.raw, accepted_key_set_file(data_dir).string(), Outcome::runtime);
  return held;
}

TimeFloor read_time_floor(const std::filesystem::path& data_dir) {
  const std::filesystem::path file = time_floor_file(data_dir);
  const std::optional<std::string> text = read_store_file(file, max_floor_bytes);
  if (!text) return {};
  const nlohmann::json doc = nlohmann::json::parse(*text, nullptr, false);
  if (!doc.is_object()) fail_runtime(Reason::io, file.string(), "is damaged (not a JSON object)");
  TimeFloor floor;
  floor.signed_created = mark_of(doc, "signed_created", file.string());
  floor.clock = mark_of(doc, "clock", file.string());
  return floor;
}

void write_time_floor(const std::filesystem::path& data_dir, const TimeFloor& floor) {
  nlohmann::json doc = nlohmann::json::object();
  doc["signed_created"] = floor.signed_created ? mark_json(*floor.signed_created) : nlohmann::json(nullptr);
  doc["clock"] = floor.clock ? mark_json(*floor.clock) : nlohmann::json(nullptr);
  write_file_atomically(time_floor_file(data_dir), doc.dump() + "\n", 0644);
}

}  // namespace gatecast::content
