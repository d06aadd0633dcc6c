#pragma once
// The signed key set of a publish tree (docs/signing.md, "Key sets"): which minisign keys a
// screen trusts, in which role, and how many distinct approvals each channel's manifest
// needs. `root` keys sign key sets; `approver` keys sign manifests. Served as keys/keys.json
// with one signature file per root key, keys/keys.json.<KEY ID>.minisig.
//
//   {"format": "gatecast-keys/1", "version": 2, "expires": "2027-12-31T00:00:00+07:00",
//    "root_threshold": 1,
//    "keys": [{"key": "RWQ...", "role": "root", "name": "office root 2026"},
//             {"key": "RWQ...", "role": "approver", "name": "Nguyen Van A"}],
//    "channels": {"langson": {"threshold": 2}}}
//
// Parsed strictly: unknown keys, a key listed twice in one role, one key id for two keys, no
// root key, no approver key, and thresholds larger than the keys that could meet them are
// errors. One key may be both root and approver (listed once per role).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/base/error.hpp"
#include "content/signing/minisign.hpp"
#include "scheduler/time.hpp"

namespace gatecast::content {

enum class KeyRole { root, approver };

[[nodiscard]] const char* key_role_name(KeyRole role);

struct KeySetEntry {
  PublicKey key;
  KeyRole role = KeyRole::approver;
  std::string name;  // who holds it, for people; may be empty
};

struct KeySet {
  std::int64_t version = 0;        // 0 only for the set made from a config's trusted_keys
  std::optional<Instant> expires;  // none only for the set made from a config
  int root_threshold = 1;
  std::vector<KeySetEntry> keys;
  std::map<std::string, int> channel_thresholds;  // channel -> approvals needed (absent: 1)

  [[nodiscard]] std::vector<PublicKey> keys_with(KeyRole role) const;
  // The approvals a manifest of `channel` needs.
  [[nodiscard]] int threshold_for(const std::string& channel) const;
  [[nodiscard]] bool expired_at(Instant now) const { return expires && *expires <= now; }
};

inline constexpr std::string_view key_set_format = "gatecast-keys/1";
inline constexpr std::size_t max_key_set_bytes = 64u << 10;
inline constexpr std::size_t max_key_set_keys = 64;

// What a screen trusts before it has accepted any key set: every key of its config's
// trusted_keys is both root and approver, version 0, no expiry, one approval per channel.
// Today's single-key trees keep working with it.
[[nodiscard]] KeySet key_set_from_config(const std::vector<PublicKey>& trusted_keys);

// Parses keys.json strictly (size, UTF-8, depth, unknown keys, the rules above). Throws
// Error(kind, subject, ...) with the JSON path. Pure; any thread.
[[nodiscard]] KeySet parse_key_set(std::string_view raw, const std::string& subject,
                                   Outcome kind = Outcome::rejected);

// The keys.json text of `set` (two-space indented, keys in a stable order, final newline);
// parse_key_set(write_key_set(s)) == s. The set must be valid (as parse_key_set checks):
// Error(usage) otherwise, so that the office never signs a set no screen would accept.
[[nodiscard]] std::string write_key_set(const KeySet& set);

}  // namespace gatecast::content
