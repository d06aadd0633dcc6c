#include "content/install/trust_update.hpp"

#include "content/base/error.hpp"
#include "content/base/publish_tree.hpp"
#include "content/base/rfc3339.hpp"

namespace gatecast::content {

std::vector<PublicKey> config_trusted_keys(const Config& config) {
  std::vector<PublicKey> keys;
  const std::string file = config.file.empty() ? "config" : config.file.string();
  for (std::size_t i = 0; i < config.trusted_keys.size(); ++i) {
    keys.push_back(
        parse_public_key(config.trusted_keys[i], file + ": trusted_keys[" + std::to_string(i) + "]"));
  }
  if (keys.empty()) fail_usage(file, "trusted_keys is empty: this screen cannot accept any package");
  return keys;
}

KeySetUpdate update_key_set(Source& source, const Config& config, const StoreLayout& layout, Instant now) {
  const std::vector<PublicKey> config_keys = config_trusted_keys(config);
  KeySetUpdate update;
  update.held = held_key_set(layout.data_dir(), config_keys);
  const std::string subject = source.describe() + "/" + key_set_relpath();
  const std::optional<std::string> raw = source.fetch_file(key_set_relpath(), max_key_set_bytes);
  if (raw) {
    const SignatureLookup lookup = [&](const std::string& id) -> std::optional<SignatureFile> {
      const std::string relpath = key_set_signature_relpath(id);
      std::optional<std::string> text = source.fetch_file(relpath, 4096);
      if (!text) return std::nullopt;
      return SignatureFile{source.describe() + "/" + relpath, std::move(*text)};
    };
    // Decided once without the lock (network time), again under it: another install may have
    // moved the held set meanwhile, and the version rule must hold against what is on disk.
    KeySetDecision decision = decide_key_set(update.held.set, update.held.raw, *raw, lookup, now, subject);
    if (decision.changed) {
      create_store_folders(layout);
      const StoreLock lock(layout);
      update.held = held_key_set(layout.data_dir(), config_keys);
      decision = decide_key_set(update.held.set, update.held.raw, *raw, lookup, now, subject);
      if (decision.changed) {
        write_accepted_key_set(layout.data_dir(), *raw);
        update.held = HeldKeySet{decision.set, *raw};
        update.changed = true;
      }
    }
  }
  if (update.held.set.expired_at(now)) {
    fail_rejected(Reason::expired, subject,
                  "the key set this screen holds (version " + std::to_string(update.held.set.version) +
                      ") expired at " + format_rfc3339(*update.held.set.expires) +
                      "; it is not used for new installs until a newer key set is published");
  }
  return update;
}

std::vector<SignatureFile> fetch_approvals(Source& source, const std::string& channel, const KeySet& set,
                                           std::uint64_t limit) {
  std::vector<SignatureFile> files;
  std::vector<std::string> asked;
  for (const PublicKey& key : set.keys_with(KeyRole::approver)) {
    const std::string id = key_id_hex(key.key_id);
    if (std::find(asked.begin(), asked.end(), id) != asked.end()) continue;
    asked.push_back(id);
    const std::string relpath = approval_relpath(channel, id);
    if (std::optional<std::string> text = source.fetch_file(relpath, limit)) {
      files.push_back({source.describe() + "/" + relpath, std::move(*text)});
    }
  }
  return files;
}

}  // namespace gatecast::content
