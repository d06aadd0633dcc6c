#pragma once
// `gatecast pack`: an authoring folder (SRC/content.json plus media files, docs/manifest.md)
// becomes a publish tree: blobs named by hash and channels/<channel>/manifest.json (signed
// when a key is given). Everything is checked before anything is written into `out`, so a
// refused pack leaves the tree as it was.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/base/error.hpp"
#include "content/manifest/manifest.hpp"
#include "content/manifest/manifest_json.hpp"
#include "content/signing/secret_key_kdf.hpp"
#include "scheduler/time.hpp"

namespace gatecast::content {

// Told, on pack's thread, how far a long step on one asset file is: `step` is "hashing"
// (`done` of `total` bytes) or "decoding" (microseconds of the video; `total` 0 when the file
// does not say its length). Called for every piece; the caller decides what to show and when.
using PackProgress = std::function<void(const std::filesystem::path& file, const char* step,
                                        std::uint64_t done, std::uint64_t total)>;

struct PackOptions {
  std::filesystem::path source;  // the authoring folder (holds content.json)
  std::filesystem::path out;     // the publish tree's root; created when missing
  std::string channel;
  std::int64_t version = 0;
  std::optional<std::filesystem::path> key;  // minisign secret key file; none = unsigned
  PasswordSource password;                   // asked only when `key` is encrypted
  Instant now;                               // `created`, and the base of `expires: <days>`
  ManifestLimits limits;
  PackProgress progress;  // none: nothing is told
};

// Extra checks only the player can make (images decode within limits, every character is
// covered by a font, every text fits); returns the problems, empty = fine. `asset_files`
// maps asset names to the files in the authoring folder. cmd_pack passes
// player::check_package_content.
using ContentCheck = std::function<std::vector<Error>(
    const Manifest&, const std::map<std::string, std::filesystem::path>& asset_files)>;

struct PackResult {
  Manifest manifest;
  std::uint64_t blobs_written = 0;  // new blobs (existing ones of the right size are kept)
  std::uint64_t bytes_written = 0;  // bytes of those new blobs
};

// Thrown when `check` finds problems: what() is the first with a count of the rest; the
// command line prints every one of them.
class ContentProblems : public Error {
 public:
  explicit ContentProblems(std::vector<Error> problems);  // at least one
  const std::vector<Error>& problems() const { return problems_; }

 private:
  std::vector<Error> problems_;
};

// Throws Error(usage) for bad options, Error(rejected) for content that fails validation or
// `check` (the first problem), ContentProblems for `check`'s problems, and
// Error(runtime) for I/O. Runs on the calling thread; reads every asset twice at most.
PackResult pack(const PackOptions& options, const ContentCheck& check = {});

}  // namespace gatecast::content
