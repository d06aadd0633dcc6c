#pragma once
// The HTTP(S) publish tree (design.md, "Publish tree") as a Source: a poll first asks for the
// last bytes of the channel's manifest.json.minisig (a ranged GET) and compares them with the
// signature of the manifest the installer accepted, so an idle poll costs one small 206 and
// the decision rests on the signature, never on the server's validators; blobs are appended to the
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

// What the next poll compares against, kept per channel in <state_dir>/http-<channel>.json.
struct AcceptedSignature {
  std::string url;  // the manifest URL it belongs to; other URLs ignore it
  // The accepted manifest's .minisig, byte for byte. Its last line, the global signature,
  // changes with every byte of the manifest and of its trusted comment; a static server's
  // validators do not (nginx's ETag is the mtime in seconds and the size: a manifest of the
  // same size written in the same second, or copied by a mirror with its mtime, looks
  // unchanged), so they are never asked.
  std::string signature;
};

// How many bytes of the signature file's end an idle poll asks for: the newline and the last
// 31 characters of the base64 global signature (180 bits of the Ed25519 signature's S half).
inline constexpr std::size_t kSignatureTailBytes = 32;

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
  void fetch_blobs(const std::vector<BlobRequest>& requests, const BlobReceived& received,
                   const BlobMoved& moved = {}) override;
  std::optional<std::string> fetch_file(const std::string& relpath, std::uint64_t limit) override;
  void remember_accepted(const std::string& channel) override;
  void forget_accepted(const std::string& channel) override;

  // Body bytes received by this source so far (all requests), for logs and tests.
  std::uint64_t bytes_received() const { return bytes_received_; }

 private:
  std::string base_;
  std::filesystem::path state_dir_;
  HttpClient client_;
  // True when the server still serves `known`'s signature (one ranged GET).
  bool signature_unchanged(const std::string& signature_url, const std::string& known,
                           const SourceLimits& limits);

  std::map<std::string, AcceptedSignature> fetched_;  // channel -> fetched, not yet accepted
  std::uint64_t bytes_received_ = 0;
};

// Reads the accepted signature of `channel` from `state_dir`; nullopt when absent or damaged
// (the next poll then fetches the manifest whole, which is always safe).
[[nodiscard]] std::optional<AcceptedSignature> read_accepted_signature(const std::filesystem::path& state_dir,
                                                                       const std::string& channel);

}  // namespace gatecast::content
