#pragma once
// What the screen keeps about trust beside its packages (docs/store.md), outside the store's
// content so that wiping or reinstalling content resets neither:
//   data_dir/keys/keys.json       the accepted key set, byte for byte as it was verified
//   data_dir/time-floor.json      the time floor (content/signing/trusted_time.hpp)
// Both are written atomically (temporary name, fsync, rename, fsync of the folder).
#include <filesystem>
#include <optional>
#include <string>

#include "content/signing/key_set.hpp"
#include "content/signing/trusted_time.hpp"

namespace gatecast::content {

[[nodiscard]] std::filesystem::path accepted_key_set_file(const std::filesystem::path& data_dir);
[[nodiscard]] std::filesystem::path time_floor_file(const std::filesystem::path& data_dir);

// The accepted key set's bytes; nullopt when the screen never accepted one (it then trusts
// its config's keys). Error(runtime) when it cannot be read.
[[nodiscard]] std::optional<std::string> read_accepted_key_set(const std::filesystem::path& data_dir);

// Writes keys.json (creating data_dir/keys). Only for bytes decide_key_set accepted.
void write_accepted_key_set(const std::filesystem::path& data_dir, const std::string& raw);

// The key set this screen trusts now: the accepted one, or key_set_from_config(config_keys).
// A stored set that does not parse is Error(runtime) naming the file: a screen must not fall
// back to older keys silently.
struct HeldKeySet {
  KeySet set;
  std::optional<std::string> raw;  // nullopt: made from the config
};
[[nodiscard]] HeldKeySet held_key_set(const std::filesystem::path& data_dir,
                                      const std::vector<PublicKey>& config_keys);

// The floor; an empty one when there is no file. A damaged file is Error(runtime).
[[nodiscard]] TimeFloor read_time_floor(const std::filesystem::path& data_dir);

// Writes the floor atomically (data_dir must exist). Error(runtime).
void write_time_floor(const std::filesystem::path& data_dir, const TimeFloor& floor);

}  // namespace gatecast::content
