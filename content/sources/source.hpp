#pragma once
// Where packages come from. A source only supplies bytes and is never trusted: the installer
// (install.cpp) checks the signature, the manifest and every blob's size and SHA-256 before
// anything enters the store. A folder (a USB stick) and an HTTP(S) server both implement it.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gatecast::content {

struct SourceLimits {
  std::uint64_t max_manifest_bytes = 4u << 20;
  std::uint64_t max_signature_bytes = 4096;
};

// One blob the installer wants, and the staging file it goes into.
struct BlobRequest {
  std::string sha256;
  std::uint64_t size = 0;
  std::filesystem::path partial;
  std::string asset;  // the asset that uses it, for messages
};

// Told, on the fetching thread, that request `index` has all its bytes in its partial file.
// `received_sha256` is the SHA-256 of the whole file when the source hashed it while
// receiving; empty when the caller must hash the file itself. May throw: that ends the batch.
using BlobReceived = std::function<void(std::size_t index, const std::string& received_sha256)>;

// Told, on the fetching thread, how many bytes request `index`'s partial file holds now, as a
// blob arrives (at every piece written: the caller throttles what it shows), so that one large
// blob does not sit at 0 % for minutes.
using BlobMoved = std::function<void(std::size_t index, std::uint64_t bytes_in_partial)>;

struct FetchedManifest {
  std::string manifest;   // raw bytes of channels/<channel>/manifest.json
  std::string signature;  // raw bytes of channels/<channel>/manifest.json.minisig
};

class Source {
 public:
  virtual ~Source() = default;

  // For messages: the folder or the URL of the publish tree's root.
  virtual std::string describe() const = 0;

  // Fetches the channel's manifest and signature, each cut off at its limit (a longer one is
  // rejected with Outcome::rejected, never read to the end). Returns nullopt when the source
  // knows that nothing changed since the last accepted fetch (HTTP: the signature served ends
  // with the accepted signature's bytes); a folder always
  // returns the bytes. Transport failures throw Error(Outcome::runtime).
  virtual std::optional<FetchedManifest> fetch_manifest(const std::string& channel,
                                                        const SourceLimits& limits) = 0;

  // Brings blobs/<sha256> into `partial`, appending to what is already there (so that a cut
  // transfer resumes) and never writing past `size` bytes in all. The caller verifies the
  // hash afterwards and deletes `partial` when it does not match. Transport failures throw
  // Error(Outcome::runtime); more bytes than `size` throw Error(Outcome::rejected).
  virtual void fetch_blob(const std::string& sha256, std::uint64_t size,
                          const std::filesystem::path& partial) = 0;

  // fetch_blob, telling `moved` the partial file's size as it grows. This default (a source
  // that cannot tell) says nothing until the blob is whole.
  virtual void fetch_blob_watching(const std::string& sha256, std::uint64_t size,
                                   const std::filesystem::path& partial,
                                   const std::function<void(std::uint64_t)>& moved) {
    (void)moved;
    fetch_blob(sha256, size, partial);
  }

  // fetch_blob for each request, as the source sees fit (an HTTP source runs several
  // transfers at once), calling `received` as each completes and `moved` (when set) as bytes
  // arrive. The first failure ends the batch and is thrown; partial files stay for a resume.
  // This default fetches one after another.
  virtual void fetch_blobs(const std::vector<BlobRequest>& requests, const BlobReceived& received,
                           const BlobMoved& moved = {}) {
    for (std::size_t i = 0; i < requests.size(); ++i) {
      fetch_blob_watching(requests[i].sha256, requests[i].size, requests[i].partial,
                          [&moved, i](std::uint64_t bytes) {
                            if (moved) moved(i, bytes);
                          });
      received(i, std::string());
    }
  }

  // Fetches one small file of the tree by its relative path ('/'-separated, built by gatecast
  // from fixed names, checked channel names and key ids: keys/keys.json, a key set's or a
  // manifest's further signatures). nullopt when the tree has no such file (HTTP 404, no
  // file); a file longer than `limit` is Error(rejected), never read to the end; transport
  // failures are Error(runtime). Never conditional: these files are small.
  virtual std::optional<std::string> fetch_file(const std::string& relpath, std::uint64_t limit) = 0;

  // Records that a manifest fetched earlier was accepted, so that the next fetch may be
  // a probe of the signature's tail. Sources without such a notion ignore it.
  virtual void remember_accepted(const std::string& /*channel*/) {}

  // Forgets what remember_accepted recorded: the next fetch asks unconditionally. For a store
  // that lost the accepted package (wiped, or a new disk) while the accepted signature stayed.
  virtual void forget_accepted(const std::string& /*channel*/) {}
};

// A folder holding a publish tree (a USB stick's gatecast/ folder, or a local copy).
std::unique_ptr<Source> open_folder_source(const std::filesystem::path& root);

// How an HTTP source talks to its server (docs/sync.md). Defaults suit a slow border link.
struct HttpOptions {
  std::uint64_t max_bytes_per_second = 0;  // 0 = no cap (Config::max_bytes_per_second)
  std::string ca_file;                     // empty = the system's CAs (Config::ca_file)
  long connect_timeout_seconds = 20;
  // A transfer slower than stall_bytes_per_second for stall_seconds is abandoned (runtime).
  long stall_seconds = 60;
  long stall_bytes_per_second = 16;
  // When set and true, a transfer in progress stops at once with Error(runtime): lets the
  // player's sync thread end promptly at shutdown. Owned by the caller; must outlive the source.
  const std::atomic<bool>* cancel = nullptr;
};

// An http:// or https:// publish tree (http_source.cpp); state_dir keeps the manifests'
// accepted signature between polls (one small file per channel). Proxies come from the
// environment as libcurl reads them (http_proxy, https_proxy, no_proxy). Throws
// Error(usage, url, ...) for a URL that is not http(s).
std::unique_ptr<Source> open_http_source(const std::string& url, const std::filesystem::path& state_dir,
                                         const HttpOptions& options = {});

}  // namespace gatecast::content
