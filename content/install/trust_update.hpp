#pragma once
// The installer's trust steps (docs/signing.md), before and after a manifest: bring the
// screen's key set up to date from a Source, fetch a manifest's further approvals, and raise
// the time floor once a package is accepted. Called by install_channel in its written order.
#include <string>
#include <vector>

#include "content/config/config.hpp"
#include "content/signing/approvals.hpp"
#include "content/sources/source.hpp"
#include "content/store/layout.hpp"
#include "content/store/trust_files.hpp"

namespace gatecast::content {

// The config's trusted_keys as keys. Error(usage) naming the config when one is not a key or
// there are none.
[[nodiscard]] std::vector<PublicKey> config_trusted_keys(const Config& config);

struct KeySetUpdate {
  HeldKeySet held;       // what the screen trusts after this step
  bool changed = false;  // a newer key set was accepted and stored
};

// Step 0 of an install: fetch keys/keys.json (at most max_key_set_bytes) and, when present,
// decide_key_set against the held set (signature files fetched by key id), store an accepted
// newer set atomically under the store's lock. A tree without keys/keys.json changes nothing.
// Then refuses (Error(rejected)) a held set past its expiry at `now`: it may not be used for
// new installs. Throws Error(rejected) for a refused key set; nothing is written then.
[[nodiscard]] KeySetUpdate update_key_set(Source& source, const Config& config, const StoreLayout& layout,
                                          Instant now);

// The further approvals of a channel's manifest: manifest.json.<KEY ID>.minisig for every
// approver of `set` (missing ones skipped), each at most `limit` bytes.
[[nodiscard]] std::vector<SignatureFile> fetch_approvals(Source& source, const std::string& channel,
                                                         const KeySet& set, std::uint64_t limit);

}  // namespace gatecast::content
