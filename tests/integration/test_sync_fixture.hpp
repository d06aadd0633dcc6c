#pragma once
// What the sync tests share: a publish tree built by hand (manifest JSON, blobs named by
// their SHA-256, a minisign signature from content/signing/minisign.hpp), a screen's config and data
// folder, and a real nginx serving the tree (tests/support/nginx.hpp).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "content/base/rfc3339.hpp"
#include "content/base/sha256.hpp"
#include "content/signing/minisign.hpp"
#include "content/test_install_fixture.hpp"  // tests/content: the manifest document
#include "support/nginx.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

namespace gatecast::test {

// Moves a file's time on as a later upload would: nginx's validators (ETag = mtime-size,
// Last-Modified) have one-second resolution, and tests republish within the same second.
inline void touch_later(const std::filesystem::path& file, int seconds) {
  std::filesystem::last_write_time(file,
                                   std::filesystem::last_write_time(file) + std::chrono::seconds(seconds));
}

// `n` bytes that differ for each `seed` (asset contents; never all zero).
inline std::string pseudo_random_bytes(std::size_t n, std::uint32_t seed) {
  std::mt19937 gen(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(gen() & 0xff);
  return s;
}

inline void write_bytes(const std::filesystem::path& p, const std::string& bytes) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

struct PackageSpec {
  std::string channel = "langson";
  std::int64_t version = 1;
  std::vector<std::string> targets{"langson/*"};
  std::map<std::string, std::string> assets;  // name -> bytes
  std::chrono::hours valid_for{24 * 30};
};

class SyncFixture {
 public:
  SyncFixture() : keys(content::generate_key_pair()) {
    std::filesystem::create_directories(root());
    std::filesystem::create_directories(data());
  }

  std::filesystem::path root() const { return dir / "tree"; }
  std::filesystem::path data() const { return dir / "data"; }
  std::filesystem::path config_file() const { return dir / "player.json"; }

  // The manifest's JSON for `spec` (tests/content/test_install_fixture.hpp builds the
  // document: one slide per asset), created an hour ago and valid for spec.valid_for.
  static std::string manifest_json(const PackageSpec& spec) {
    const auto now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
    fx::PackageSpec document;
    document.channel = spec.channel;
    document.version = spec.version;
    document.assets = spec.assets;
    document.targets = spec.targets;
    document.created = content::format_rfc3339(now - std::chrono::hours(1));
    document.expires = content::format_rfc3339(now + spec.valid_for);
    return fx::manifest_document(document).dump(2) + "\n";
  }

  // Writes the package's blobs, manifest and signature into the tree; returns the manifest.
  std::string publish(const PackageSpec& spec) {
    for (const auto& [name, bytes] : spec.assets) write_bytes(blob(bytes), bytes);
    const std::string manifest = manifest_json(spec);
    publish_manifest(spec.channel, manifest);
    return manifest;
  }
  void publish_manifest(const std::string& channel, const std::string& manifest) {
    const auto folder = root() / "channels" / channel;
    write_bytes(folder / "manifest.json.minisig",
                content::sign_message(manifest, keys.secret_key, "gatecast test package"));
    write_bytes(folder / "manifest.json", manifest);
  }
  std::filesystem::path blob(const std::string& bytes) const {
    return root() / "blobs" / content::sha256_hex(bytes);
  }

  // The screen's config pointing at `url` for channel "langson".
  void write_config(const std::string& url, const nlohmann::json& extra = nlohmann::json::object()) const {
    nlohmann::json c = {{"screen", screen},
                        {"data_dir", data().string()},
                        {"trusted_keys", {content::public_key_line(keys.public_key)}},
                        {"sources", {{{"url", url}, {"channel", "langson"}}}}};
    c.update(extra);
    write_bytes(config_file(), c.dump(2));
  }

  // Runs `gatecast install URL --config player.json`.
  RunResult install(const std::string& url) const {
    return gatecast({"install", url, "--config", config_file().string()});
  }

  // Every file under data_dir with its size, to show that a refused install stored nothing.
  std::map<std::string, std::uintmax_t> data_listing() const {
    std::map<std::string, std::uintmax_t> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(data())) {
      if (e.is_regular_file()) files[e.path().lexically_relative(data()).string()] = e.file_size();
    }
    return files;
  }

  TempDir dir{"gatecast-sync"};
  content::KeyPair keys;
  std::string screen = "langson/huunghi/1";
};

}  // namespace gatecast::test
