#pragma once
// Publish trees written by hand for the store and install tests: a manifest built as JSON,
// blobs named by their SHA-256, and a minisign signature from a fresh key, so that these
// tests depend on the trust code and not on `pack`. Also a listing of a folder (every entry
// with its size and hash) to prove that a refused install changed nothing.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "content/base/rfc3339.hpp"
#include "content/base/sha256.hpp"
#include "content/config/config.hpp"
#include "content/publish/minisign_channel.hpp"
#include "content/signing/minisign.hpp"
#include "support/temp_dir.hpp"

// A namespace of its own: other fixtures in the same test binaries have their own
// PackageSpec and write_bytes, and two definitions of one name would break the ODR.
namespace gatecast::test::fx {

inline constexpr const char* test_screen = "langson/huunghi/1";

// The instant the tests install at (manifests are created before it and expire after it).
inline Instant test_now() {
  return content::parse_rfc3339("2026-11-25T03:00:00Z", "test");
}

inline void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

// Deterministic, incompressible-looking bytes (a different stream per seed).
inline std::string blob_bytes(std::size_t size, std::uint32_t seed) {
  std::string bytes(size, '\0');
  std::uint32_t x = seed * 2654435761u + 1;
  for (char& c : bytes) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c = static_cast<char>(x & 0xff);
  }
  return bytes;
}

struct PackageSpec {
  std::string channel = "langson";
  std::int64_t version = 1;
  std::map<std::string, std::string> assets;  // asset name -> bytes (declared image/png)
  std::string created = "2026-11-20T08:00:00+07:00";
  std::string expires = "2099-01-01T00:00:00+07:00";
  std::vector<std::string> targets{"langson/huunghi/*"};
};

// A valid manifest for `spec`: one playlist with one slide per asset (or a text slide).
inline nlohmann::json manifest_document(const PackageSpec& spec) {
  nlohmann::json assets = nlohmann::json::object();
  nlohmann::json slides = nlohmann::json::array();
  for (const auto& [name, bytes] : spec.assets) {
    assets[name] = {{"sha256", content::sha256_hex(bytes)}, {"size", bytes.size()}, {"type", "image/png"}};
    slides.push_back({{"layout", "full"},
                      {"duration", 10},
                      {"content", {{"picture", {{"type", "image"}, {"asset", name}, {"fit", "contain"}}}}}});
  }
  if (slides.empty()) {
    nlohmann::json text = nlohmann::json::object();
    text["type"] = "text";
    text["text"] = {{"vi", "Xin chào"}, {"en", "Hello"}};
    nlohmann::json slide = nlohmann::json::object();
    slide["layout"] = "full";
    slide["duration"] = 10;
    slide["content"] = {{"picture", text}};
    slides.push_back(slide);
  }
  return {{"format", "gatecast/1"},
          {"channel", spec.channel},
          {"version", spec.version},
          {"created", spec.created},
          {"expires", spec.expires},
          {"targets", spec.targets},
          {"assets", assets},
          {"layouts",
           {{"full", {{"size", {1920, 1080}}, {"regions", {{"picture", {{"rect", {0, 0, 1920, 1080}}}}}}}}}},
          {"playlists", {{"day", {{"slides", slides}}}}},
          {"schedule", {{"default", "day"}}}};
}

// A publish tree in a temporary folder, signed with its own key.
class PublishTree {
 public:
  PublishTree() : key_(content::generate_key_pair()) {
    std::filesystem::create_directories(root() / "blobs");
  }

  const std::filesystem::path& dir() const { return dir_.path(); }
  std::filesystem::path root() const { return dir_.path() / "tree"; }
  std::filesystem::path channel_dir(const std::string& channel) const {
    return root() / "channels" / channel;
  }
  std::filesystem::path manifest_file(const std::string& channel) const {
    return channel_dir(channel) / "manifest.json";
  }
  std::filesystem::path signature_file(const std::string& channel) const {
    return channel_dir(channel) / "manifest.json.minisig";
  }
  std::filesystem::path blob_file(const std::string& bytes) const {
    return root() / "blobs" / content::sha256_hex(bytes);
  }
  const content::KeyPair& key() const { return key_; }

  // Writes the blobs, the manifest and its signature.
  void publish(const PackageSpec& spec) {
    for (const auto& [name, bytes] : spec.assets) write_bytes(blob_file(bytes), bytes);
    publish_manifest(spec.channel, manifest_document(spec).dump(2) + "\n");
  }

  // Writes `raw` as the channel's manifest and signs it with this tree's key.
  void publish_manifest(const std::string& channel, const std::string& raw) {
    write_bytes(manifest_file(channel), raw);
    write_bytes(signature_file(channel), sign(raw, channel));
  }

  std::string sign(const std::string& raw, const std::string& channel) const {
    return content::sign_message(raw, key_.secret_key,
                                 content::manifest_trusted_comment(1764000000, channel));
  }

  // A player config trusting this tree's key, storing into `data_dir`.
  content::Config config(const std::filesystem::path& data_dir,
                         const std::string& channel = "langson") const {
    content::Config c;
    c.screen = test_screen;
    c.data_dir = data_dir;
    c.trusted_keys = {content::public_key_line(key_.public_key)};
    c.sources = {{root().string(), channel}};
    return c;
  }

  // The same config as a JSON file (for the command line).
  std::filesystem::path write_config_file(const std::filesystem::path& data_dir,
                                          const std::vector<std::string>& channels = {"langson"}) const {
    nlohmann::json sources = nlohmann::json::array();
    for (const std::string& c : channels) sources.push_back({{"url", root().string()}, {"channel", c}});
    const nlohmann::json doc = {{"screen", test_screen},
                                {"data_dir", data_dir.string()},
                                {"trusted_keys", {content::public_key_line(key_.public_key)}},
                                {"sources", sources}};
    const std::filesystem::path file = dir() / "player.json";
    write_bytes(file, doc.dump(2));
    return file;
  }

 private:
  TempDir dir_{"gatecast-tree"};
  content::KeyPair key_;
};

// Every entry under `root` (relative path -> kind, size and SHA-256 of files, link targets),
// for "the store is byte-for-byte unchanged" checks.
inline std::map<std::string, std::string> listing(const std::filesystem::path& root) {
  std::map<std::string, std::string> entries;
  if (!std::filesystem::exists(root)) return entries;
  for (auto it = std::filesystem::recursive_directory_iterator(root);
       it != std::filesystem::recursive_directory_iterator(); ++it) {
    const std::filesystem::path& p = it->path();
    const std::string rel = std::filesystem::relative(p, root).string();
    const auto status = std::filesystem::symlink_status(p);
    if (std::filesystem::is_symlink(status)) {
      entries[rel] = "link -> " + std::filesystem::read_symlink(p).string();
    } else if (std::filesystem::is_directory(status)) {
      entries[rel] = "dir";
    } else {
      entries[rel] = std::to_string(std::filesystem::file_size(p)) + " " + content::sha256_file_hex(p);
    }
  }
  return entries;
}

}  // namespace gatecast::test::fx
