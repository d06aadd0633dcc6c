#include "content/store/state.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/base/rfc3339.hpp"
#include "content/base/unique_fd.hpp"
#include "content/store/layout.hpp"

namespace gatecast::content {

namespace {

std::filesystem::path state_file(const Config& config) {
  return config.data_dir / "state.json";
}

// The error slot's size: written whole at every overwrite, so that no write ever needs a block
// the file system has not given it already.
constexpr std::size_t kErrorSlotBytes = 4096;
constexpr std::size_t kErrorSlotTextBytes = 3000;  // the message's share, leaving room for JSON escapes

std::filesystem::path error_slot_file(const Config& config) {
  return config.data_dir / "state.error";
}

// Creates the slot (blank: spaces) while there is room; an existing one of the right size is
// left alone, so a working screen writes it once.
void ensure_error_slot(const Config& config) {
  const std::filesystem::path file = error_slot_file(config);
  std::error_code ec;
  if (std::filesystem::is_regular_file(std::filesystem::symlink_status(file, ec)) &&
      std::filesystem::file_size(file, ec) == kErrorSlotBytes && !ec)
    return;
  try {
    write_file_atomically(file, std::string(kErrorSlotBytes - 1, ' ') + "\n");
  } catch (const Error&) {
    // No room even for this: state.json itself was written, and the next write tries again.
  }
}

// Overwrites the slot in place (no new block, no new name: works on a full disk). False when
// there is no slot or the write fails.
bool write_error_slot(const Config& config, Instant at, std::string error, Reason reason) {
  if (error.size() > kErrorSlotTextBytes) error = error.substr(0, kErrorSlotTextBytes) + "...";
  const nlohmann::json doc{{"at", format_rfc3339(at)}, {"error", error}, {"reason", reason_code(reason)}};
  std::string text = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() >= kErrorSlotBytes) return false;
  text.resize(kErrorSlotBytes - 1, ' ');
  text += '\n';
  // O_NONBLOCK: a FIFO where the slot should be would otherwise block this open for ever, with
  // the sync thread in it (found by fuzz_store_files); it is refused below.
  const UniqueFd fd(::open(error_slot_file(config).c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
  if (fd.get() < 0) return false;
  struct stat st {};
  return ::fstat(fd.get(), &st) == 0 && S_ISREG(st.st_mode) &&
         st.st_size == static_cast<off_t>(kErrorSlotBytes) &&
         ::pwrite(fd.get(), text.data(), text.size(), 0) == static_cast<ssize_t>(text.size()) &&
         ::fdatasync(fd.get()) == 0;
}

struct SlotError {
  Instant at;
  std::string error;
  Reason reason = Reason::none;
};

// The slot's error; none when blank, missing or torn (a cut in the middle of an overwrite).
std::optional<SlotError> read_error_slot(const Config& config) {
  try {
    const std::optional<std::string> raw = read_store_file(error_slot_file(config), kErrorSlotBytes);
    if (!raw) return std::nullopt;
    const nlohmann::json doc = nlohmann::json::parse(*raw, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object()) return std::nullopt;
    const auto at = doc.find("at");
    const auto error = doc.find("error");
    const auto reason = doc.find("reason");
    if (at == doc.end() || !at->is_string() || error == doc.end() || !error->is_string() ||
        error->get<std::string>().empty() || reason == doc.end() || !reason->is_string())
      return std::nullopt;
    return SlotError{parse_rfc3339(at->get<std::string>(), "state.error", Outcome::runtime),
                     error->get<std::string>(),
                     reason_from_code(reason->get<std::string>()).value_or(Reason::none)};
  } catch (const Error&) {
    return std::nullopt;
  }
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
  // A newer attempt whose state.json could not be written: its error is the truth.
  if (const std::optional<SlotError> slot = read_error_slot(config);
      slot && (!state.last_attempt || slot->at > *state.last_attempt)) {
    state.last_attempt = slot->at;
    state.last_error = slot->error;
    state.last_error_reason = slot->reason;
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
  create_folders_durably(config.data_dir);
  // replace: a message with bytes that are not UTF-8 must not make the state unwritable.
  write_file_atomically(state_file(config),
                        doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  ensure_error_slot(config);
}

void record_success(const Config& config, Instant at) {
  ScreenState state = read_state(config);
  state.last_attempt = at;
  state.last_success = at;
  state.last_error.clear();
  state.last_error_reason = Reason::none;
  try {
    write_state(config, state);
  } catch (const Error& e) {
    // Unrecorded, the success cannot be claimed; that it could not be recorded is the news.
    (void)write_error_slot(config, at, std::string("the state could not be recorded: ") + e.what(),
                           Reason::io);
    throw;
  }
}

void record_failure(const Config& config, Instant at, const std::string& error, Reason reason) {
  ScreenState state = read_state(config);
  state.last_attempt = at;
  state.last_error = error;
  state.last_error_reason = reason;
  try {
    write_state(config, state);
  } catch (const Error& e) {
    (void)write_error_slot(config, at, error + " (and the state could not be recorded: " + e.problem() + ")",
                           reason);
    throw;
  }
}

void record_failure(const Config& config, Instant at, const Error& error) {
  record_failure(config, at, error.what(), error.reason());
}

}  // namespace gatecast::content
