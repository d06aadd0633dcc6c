#pragma once
// The screen's state for `status` (data_dir/state.json): last install or sync attempt, last
// success, last error, next planned attempt. Written atomically by install and by sync.
// Beside it, data_dir/state.error: a file of fixed size, written once while the disk has room
// and afterwards only overwritten in place, so that an attempt whose state.json cannot be
// written (a full disk) still leaves its error where `status` and the heartbeat read it. A
// reader takes the slot's error when it is newer than state.json's last attempt: `status`
// never shows a success that the last attempt did not have. docs/store.md, "State".
#include <optional>
#include <string>

#include "content/base/error.hpp"
#include "content/config/config.hpp"
#include "scheduler/time.hpp"

namespace gatecast::content {

// While the player's polls succeed and nothing a reader of `status` sees changes, state.json
// is rewritten at most this often (its last attempt and last success are then up to this old,
// sparing an SD card two writes per 30 s alerts poll); an error, its clearing, or a new version
// is written at once. docs/sync.md.
inline constexpr Duration kIdleStateRefresh{std::chrono::minutes(10)};

struct ScreenState {
  std::optional<Instant> last_attempt, last_success;
  std::string last_error;  // one line, as printed ("gatecast: ..."-less); empty after a success
  // Why the last error happened (error.hpp); none with no last error, and for a state.json
  // written before the reason was kept, or holding a code this version does not know.
  Reason last_error_reason = Reason::none;
  std::optional<Instant> next_attempt;
};

// Reads data_dir/state.json. A missing file gives an empty state; an unreadable or damaged one
// too (status must still work), since the file is only informative.
[[nodiscard]] ScreenState read_state(const Config&);

// Writes data_dir/state.json atomically, creating data_dir. Throws Error(runtime).
void write_state(const Config&, const ScreenState&);

// Read-modify-write helpers for one attempt's end (install and sync both use them). When
// state.json cannot be written, the attempt's error (for record_success: that its success
// could not be recorded, Reason::io) goes to the error slot, and the write's Error is thrown.
void record_success(const Config&, Instant at);
void record_failure(const Config&, Instant at, const std::string& error, Reason reason);
void record_failure(const Config&, Instant at, const Error& error);  // its what() and reason()

}  // namespace gatecast::content
