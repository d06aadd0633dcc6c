#pragma once
// The HTTP(S) publish tree (design.md, "Publish tree") as a Source: the channel's manifest is
// fetched with a conditional GET (If-None-Match / If-Modified-Since from the last manifest the
// installer accepted), so an idle poll costs one small 304; blobs are appended to the
// installer's partial file with a Range request, so a cut transfer resumes where it stopped;
// every body is cut off at its limit. Nothing here decides whether bytes are good: the
// installer verifies signature, size and hash. Documented in docs/sync.md.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "content/sources/http_client.hpp"
#include "content/sources/source.hpp"

namespace gatecast::content {

// What makes the next manifest request conditional, kept per channel in
// <state_dir>/http-<channel>.json.
struct ManifestValidators {
  std::string url;  // the manifest URL they belong to; other URLs ignore them
  std::string etag;
  std::string last_modified;
  // The accepted manifest's .minisig, byte for byte. A static server's validators can collide
  // (nginx's ETag is the mtime in seconds and the size: a manifest of the same size written in
  // the same second, or copied by a mirror with its mtime, looks unchanged), the signature
  // never does: a 304 counts only when the signature served is still this one.
  std::string signature;
};

class HttpSource : public Source {
 public:
  // `base_url` is the publish tree's root (http:// or https://); throws Error(usage) otherwise.
  HttpSource(const std::string& base_url, std::filesystem::path state_dir, const HttpOptions& options);

  std::string describe() const override { return base_; }
  std::optional<FetchedManifest> fetch_manifest(const std::string& channel,
                                                const SourceLimits& limits) override;
  void fetch_blob(const std::string& sha256, std::uint64_t size,
                  const std::filesystem::path& partial) override;
  // Up to four transfers at once (one when a bandwidth cap is set), each hashed as it arrives.
  void fetch_blobs(const std::vector<BlobRequest>& requests, const BlobReceived& received) override;
  std::optional<std::string> fetch_file(const std::string& relpath, std::uint64_t limit) override;
  void remember_accepted(const std::string& channel) override;
  void forget_accepted(const std::string& channel) override;

  // Body bytes received by this source so far (all requests), for logs and tests.
  std::uint64_t bytes_received() const { return bytes_received_; }

 private:
  std::string base_;
  std::filesystem::path state_dir_;
  HttpClient client_;
  std::map<std::string, ManifestValidators> fetched_;  // channel -> validators not yet accepted
  std::uint64_t bytes_received_ = 0;
};

// Reads the validators of `channel` from `state_dir`; nullopt when absent or damaged (the
// next request is then unconditional, which is always safe).
[[nodiscard]] std::optional<ManifestValidators> read_manifest_validators(
    const std::filesystem::path& state_dir, const std::string& channel);

}  // namespace gatecast::content
