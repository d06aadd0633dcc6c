#pragma once
// Key sets for the trust tests: an office with named key pairs that writes keys/keys.json
// into a publish tree, signs it with chosen keys, and adds approvals to manifests, through
// the same functions `gatecast keys` and `gatecast sign` use.
#include <map>
#include <string>
#include <vector>

#include "content/base/publish_tree.hpp"
#include "content/base/rfc3339.hpp"
#include "content/publish/key_set_edit.hpp"
#include "content/publish/minisign_channel.hpp"
#include "content/signing/key_set.hpp"
#include "content/signing/minisign.hpp"
#include "content/test_install_fixture.hpp"

namespace gatecast::test::fx {

class Office {
 public:
  explicit Office(std::filesystem::path root) : root_(std::move(root)) {}

  // A key pair by name, made on first use ("R1", "A2", ...).
  const content::KeyPair& key(const std::string& name) {
    auto it = keys_.find(name);
    if (it == keys_.end()) it = keys_.emplace(name, content::generate_key_pair()).first;
    return it->second;
  }
  std::string id(const std::string& name) { return content::key_id_hex(key(name).public_key.key_id); }

  // A key set: `roots` and `approvers` by name, thresholds, expiry.
  content::KeySet set(std::int64_t version, const std::vector<std::string>& roots,
                      const std::vector<std::string>& approvers, int root_threshold = 1,
                      std::map<std::string, int> channels = {},
                      const std::string& expires = "2099-01-01T00:00:00Z") {
    content::KeySet s;
    s.version = version;
    s.expires = content::parse_rfc3339(expires, "test");
    s.root_threshold = root_threshold;
    for (const auto& n : roots) s.keys.push_back({key(n).public_key, content::KeyRole::root, n});
    for (const auto& n : approvers) s.keys.push_back({key(n).public_key, content::KeyRole::approver, n});
    s.channel_thresholds = std::move(channels);
    return s;
  }

  // Writes the set (dropping older signatures) and signs it with each of `signers`.
  void publish_keys(const content::KeySet& s, const std::vector<std::string>& signers) {
    content::write_tree_key_set(root_, s);
    for (const auto& n : signers) (void)content::sign_tree_key_set(root_, key(n).secret_key, 1764000000);
  }

  // Writes raw keys.json bytes (for sets the office's tools refuse) and signs them as
  // minisign would, without looking at them.
  void publish_raw_keys(const std::string& raw, const std::vector<std::string>& signers) {
    std::filesystem::remove_all(root_ / "keys");
    write_bytes(content::key_set_path(root_), raw);
    for (const auto& n : signers) {
      write_bytes(content::key_set_signature_path(root_, id(n)),
                  content::sign_message(raw, key(n).secret_key, "timestamp:1764000000\tfile:keys.json"));
    }
  }

  // Adds `signer`'s approval to the channel's manifest, as `gatecast sign` does.
  std::filesystem::path approve(const std::string& channel, const std::string& signer) {
    return content::sign_channel_manifest(root_, channel, key(signer).secret_key, 1764000000);
  }

  std::string public_line(const std::string& name) { return content::public_key_line(key(name).public_key); }

 private:
  std::filesystem::path root_;
  std::map<std::string, content::KeyPair> keys_;
};

}  // namespace gatecast::test::fx
