#pragma once
// Thresholds of distinct signers (docs/signing.md): how many of a set of keys signed the exact
// bytes of a manifest or a key set, each key counted once however many signature files it
// made, and the acceptance rule for a new key set. Pure: bytes and keys in, a decision out.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/signing/key_set.hpp"
#include "content/signing/minisign.hpp"
#include "scheduler/time.hpp"

namespace gatecast::content {

// A signature file as fetched: `name` says where it came from (for messages).
struct SignatureFile {
  std::string name;
  std::string text;
};

inline constexpr std::size_t max_signature_files = 64;

struct Signers {
  std::vector<PublicKey> keys;        // distinct keys with a good signature, in file order
  std::string first_trusted_comment;  // of the first good signature
  std::vector<std::string> problems;  // "<file>: <why it does not count>", one per bad file
};

// Checks each file against `keys` over `message`; a file that does not verify is only noted
// in `problems` (a stale approval must not block the others). At most max_signature_files.
[[nodiscard]] Signers count_signers(std::string_view message, const std::vector<SignatureFile>& files,
                                    const std::vector<PublicKey>& keys);

// Throws Error(rejected, subject, "needs N signatures by distinct <what> keys, has M (...)")
// unless signers.keys.size() >= threshold.
void require_signers(const Signers& signers, int threshold, const std::string& subject,
                     const std::string& what);

// The signature file of one key (by its id, 16 uppercase hex digits), nullopt when absent.
// Throws Error(runtime) on transport failure and Error(rejected) for an oversized file.
using SignatureLookup = std::function<std::optional<SignatureFile>(const std::string& key_id_hex)>;

struct KeySetDecision {
  KeySet set;
  bool changed = false;              // false: the same version with the same bytes as the current one
  std::vector<PublicKey> signed_by;  // distinct root keys, old and new, that signed it
};

// The rule for replacing `current` (docs/signing.md, "Rotation"), in this order:
//   1. size of `raw` (max_key_set_bytes);
//   2. signed by current.root_threshold distinct root keys of `current` (raw bytes, before parsing);
//   3. parse_key_set;
//   4. version: higher than current.version; the same version must be the same bytes
//      (`current_raw`), and is then unchanged;
//   5. not expired at `now`;
//   6. signed by its own root_threshold distinct root keys.
// A current set past its expiry may still be replaced (that is how a screen recovers).
// Throws Error(rejected, subject, ...). Any thread.
[[nodiscard]] KeySetDecision decide_key_set(const KeySet& current,
                                            const std::optional<std::string>& current_raw,
                                            std::string_view raw, const SignatureLookup& lookup, Instant now,
                                            const std::string& subject);

}  // namespace gatecast::content
