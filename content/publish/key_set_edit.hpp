#pragma once
// The office's side of key sets (docs/signing.md): reading, changing and signing the
// keys/keys.json of a publish tree, for `gatecast keys`.
#include <cstdint>
#include <filesystem>

#include "content/signing/key_set.hpp"

namespace gatecast::content {

// Reads ROOT/keys/keys.json. Error(runtime) when missing or unreadable, Error(usage) when it
// is not a valid key set.
[[nodiscard]] KeySet read_tree_key_set(const std::filesystem::path& root);

// Writes `set` as ROOT/keys/keys.json (creating keys/) and removes every signature of the
// previous bytes (keys/keys.json.<KEY ID>.minisig): they would not verify any more, and an
// old signature beside new bytes only confuses. Error(usage) for a set no screen would
// accept (write_key_set), Error(runtime) on I/O failure.
void write_tree_key_set(const std::filesystem::path& root, const KeySet& set);

// The trusted comment of a key set signature: "timestamp:<unix>\tfile:keys.json\tversion:<v>".
[[nodiscard]] std::string key_set_trusted_comment(std::int64_t unix_seconds, std::int64_t version);

// Signs the exact bytes of ROOT/keys/keys.json ("ED", as minisign -S does) after checking
// that they are a valid key set, and writes keys/keys.json.<KEY ID>.minisig atomically
// (replacing this key's earlier one). Returns its path. Does not require `key` to be listed:
// a rotation needs the old roots' signatures on a set that no longer lists them.
std::filesystem::path sign_tree_key_set(const std::filesystem::path& root, const SecretKey& key,
                                        std::int64_t unix_seconds);

}  // namespace gatecast::content
