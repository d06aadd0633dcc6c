#pragma once
// A screen and its office for the trust tests: a publish tree, named key pairs (Office), a
// config trusting root R1, and `gatecast install` run as the screen would run it.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "content/key_set_fixture.hpp"
#include "content/test_install_fixture.hpp"
#include "support/run.hpp"

namespace gatecast::test::fx {

class TrustScreen {
 public:
  TrustScreen() { write_config(tree.root().string()); }

  PublishTree tree;
  Office office{tree.root()};
  TempDir data{"gatecast-screen"};

  std::filesystem::path config_file() const { return data.path() / "player.json"; }

  // The config: trusting the office's R1 (or the key set by write_config_keys), taking
  // channel langson from `source`.
  void write_config(const std::string& source) {
    source_ = source;
    if (trusted_.empty()) trusted_ = office.public_line("R1");
    const nlohmann::json doc = {{"screen", test_screen},
                                {"data_dir", (data.path() / "data").string()},
                                {"trusted_keys", {trusted_}},
                                {"sources", {{{"url", source}, {"channel", "langson"}}}}};
    write_bytes(config_file(), doc.dump(2));
  }

  // The same config trusting the key of a .pub file instead.
  void write_config_keys(const std::filesystem::path& pub) {
    trusted_ = content::public_key_line(content::read_public_key_file(pub));
    write_config(source_);
  }

  // Blobs and manifest of `spec` without any signature, then one approval per `approvers`.
  void publish(const PackageSpec& spec, const std::vector<std::string>& approvers) {
    for (const auto& [name, bytes] : spec.assets) write_bytes(tree.blob_file(bytes), bytes);
    write_bytes(tree.manifest_file(spec.channel), manifest_document(spec).dump(2) + "\n");
    std::filesystem::remove(tree.signature_file(spec.channel));
    content::remove_further_approvals(tree.root(), spec.channel);
    for (const auto& a : approvers) (void)office.approve(spec.channel, a);
  }

  RunResult install(const std::string& source = {}) {
    return gatecast(
        {"install", source.empty() ? tree.root().string() : source, "--config", config_file().string()});
  }

  // What a refused install must leave exactly as it was.
  std::map<std::string, std::string> state() const {
    std::map<std::string, std::string> all;
    for (const char* part : {"store", "keys", "accepted"}) {
      for (auto& [k, v] : listing(data.path() / "data" / part)) all[std::string(part) + "/" + k] = v;
    }
    return all;
  }

 private:
  std::string source_, trusted_;
};

}  // namespace gatecast::test::fx
