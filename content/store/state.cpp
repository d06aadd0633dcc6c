#include "content/store/state.hpp"

#include <nlohmann/json.hpp>

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/base/rfc3339.hpp"
#include "content/store/layout.hpp"

namespace gatecast::content {

namespace {

std::filesystem::path state_file(const Config& config) {
  return config.data_dir / "state.json";
}

std::optional<Instant> read_instant(const nlohmann::json& doc, const char* key) {
  const auto it = doc.find(key);
  if (it == doc.end() || !it->is_string()) return std::nullopt;
  try {
    return parse_rfc3339(it->get<std::string>(), "state.json", Outcome::runtime);
  } catch (const Error&) {
    return std::nullopt;
  }
}

void put_instant(nlohmann::json& doc, const char* key, const std::optional<Instant>& t) {
  if (t) doc[key] = format_rfc3339(*t);
}

}  // namespace

ScreenState read_state(const Config& config) {
  ScreenState state;
  try {
    const std::optional<std::string> raw = read_store_file(state_file(config), 64u << 10);
    if (!raw) return state;
    const nlohmann::json doc = nlohmann::json::parse(*raw, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object()) return state;
    state.last_attempt = read_instant(doc, "last_attempt");
    state.last_success = read_instant(doc, "last_success");
    state.next_attempt = read_instant(doc, "next_attempt");
    if (const auto it = doc.find("last_error"); it != doc.end() && it->is_string()) {
      state.last_error = it->get<std::string>();
    }
    if (const auto it = doc.find("last_error_reason");
        !state.last_error.empty() && it != doc.end() && it->is_string()) {
      state.last_error_reason = reason_from_code(it->get<std::string>()).value_or(Reason::none);
    }
  } catch (const Error&) {
    // Only informative: an unreadable state is an empty one.
  }
  return state;
}

void write_state(const Config& config, const ScreenState& state) {
  nlohmann::json doc = nlohmann::json::object();
  put_instant(doc, "last_attempt", state.last_attempt);
  put_instant(doc, "last_success", state.last_success);
  put_instant(doc, "next_attempt", state.next_attempt);
  doc["last_error"] = state.last_error;
  // Only beside an error: an empty last_error has no reason to give.
  if (!state.last_error.empty()) doc["last_error_reason"] = std::string(reason_code(state.last_error_reason));
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) fail_runtime(Reason::io, config.data_dir.string(), "cannot create folder: " + ec.message());
  // replace: a message with bytes that are not UTF-8 must not make the state unwritable.
  write_file_atomically(state_file(config),
                        doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

void record_success(const Config& config, Instant at) {
  ScreenState state = read_state(config);
  state.last_attempt = at;
  state.last_success = at;
  state.last_error.clear();
  state.last_error_reason = Reason::none;
  write_state(config, state);
}

void record_failure(const Config& config, Instant at, const std::string& error, Reason reason) {
  ScreenState state = read_state(config);
  state.last_attempt = at;
  state.last_error = error;
  state.last_error_reason = reason;
  write_state(config, state);
}

void record_failure(const Config& config, Instant at, const Error& error) {
  record_failure(config, at, error.what(), error.reason());
}

}  // namespace gatecast::content
