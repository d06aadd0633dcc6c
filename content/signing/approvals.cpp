#include "content/signing/approvals.hpp"

#include <algorithm>
#include <cstring>

#include "content/base/error.hpp"
#include "content/base/rfc3339.hpp"

namespace gatecast::content {

namespace {

bool same_key(const PublicKey& a, const PublicKey& b) {
  return a.key == b.key;
}

bool contains(const std::vector<PublicKey>& keys, const PublicKey& key) {
  return std::any_of(keys.begin(), keys.end(), [&](const PublicKey& k) { return same_key(k, key); });
}

// Fetches the signature files of `keys` not fetched yet (by key id), appending to `files`.
void fetch_for(const std::vector<PublicKey>& keys, const SignatureLookup& lookup,
               std::vector<SignatureFile>& files, std::vector<std::string>& asked) {
  for (const PublicKey& key : keys) {
    const std::string id = key_id_hex(key.key_id);
    if (std::find(asked.begin(), asked.end(), id) != asked.end()) continue;
    asked.push_back(id);
    if (std::optional<SignatureFile> file = lookup(id)) files.push_back(std::move(*file));
  }
}

}  // namespace

Signers count_signers(std::string_view message, const std::vector<SignatureFile>& files,
                      const std::vector<PublicKey>& keys) {
  if (files.size() > max_signature_files) {
    fail_rejected(Reason::limit, files.front().name,
                  "one of " + std::to_string(files.size()) + " signature files, more than " +
                      std::to_string(max_signature_files));
  }
  Signers signers;
  for (const SignatureFile& file : files) {
    try {
      const VerifiedSignature good = verify_signature(message, file.text, keys, file.name);
      const PublicKey& key = keys[good.signer];
      // One key is one person: a second signature by it, under any file name, adds nothing.
      if (contains(signers.keys, key)) continue;
      if (signers.keys.empty()) signers.first_trusted_comment = good.trusted_comment;
      signers.keys.push_back(key);
    } catch (const Error& e) {
      if (e.kind() != Outcome::rejected) throw;
      signers.problems.push_back(e.what());
    }
  }
  return signers;
}

void require_signers(const Signers& signers, int threshold, const std::string& subject,
                     const std::string& what) {
  if (static_cast<int>(signers.keys.size()) >= threshold) return;
  std::string detail;
  for (const PublicKey& key : signers.keys)
    detail += (detail.empty() ? "signed by " : ", ") + key_id_hex(key.key_id);
  for (const std::string& problem : signers.problems) detail += (detail.empty() ? "" : "; ") + problem;
  if (detail.empty()) detail = "no signature found";
  fail_rejected(Reason::signature, subject,
                "needs " + std::to_string(threshold) + " signature" + (threshold == 1 ? "" : "s") +
                    " by distinct " + what + " keys, has " + std::to_string(signers.keys.size()) + " (" +
                    detail + ")");
}

KeySetDecision decide_key_set(const KeySet& current, const std::optional<std::string>& current_raw,
                              std::string_view raw, const SignatureLookup& lookup, Instant now,
                              const std::string& subject) {
  if (raw.size() > max_key_set_bytes) {
    fail_rejected(Reason::limit, subject,
                  "is " + std::to_string(raw.size()) + " bytes, more than the limit of " +
                      std::to_string(max_key_set_bytes));
  }
  std::vector<SignatureFile> files;
  std::vector<std::string> asked;
  const std::vector<PublicKey> old_roots = current.keys_with(KeyRole::root);
  fetch_for(old_roots, lookup, files, asked);
  const Signers by_old = count_signers(raw, files, old_roots);
  require_signers(by_old, current.root_threshold, subject, "current root");

  KeySetDecision decision;
  decision.set = parse_key_set(raw, subject);
  const KeySet& next = decision.set;
  if (next.version < current.version) {
    fail_rejected(Reason::rollback, subject,
                  "version " + std::to_string(next.version) + " is older than version " +
                      std::to_string(current.version) + ", the key set this screen holds (rollback refused)");
  }
  if (next.version == current.version) {
    if (current_raw && *current_raw == raw) {
      decision.signed_by = by_old.keys;
      return decision;  // unchanged
    }
    fail_rejected(Reason::rollback, subject,
                  "version " + std::to_string(next.version) +
                      " was already accepted with different content (rollback refused)");
  }
  if (next.expired_at(now))
    fail_rejected(Reason::expired, subject, "key set expired at " + format_rfc3339(*next.expires));

  const std::vector<PublicKey> new_roots = next.keys_with(KeyRole::root);
  fetch_for(new_roots, lookup, files, asked);
  const Signers by_new = count_signers(raw, files, new_roots);
  require_signers(by_new, next.root_threshold, subject, "new root");

  decision.changed = true;
  decision.signed_by = by_old.keys;
  for (const PublicKey& key : by_new.keys) {
    if (!contains(decision.signed_by, key)) decision.signed_by.push_back(key);
  }
  return decision;
}

}  // namespace gatecast::content
