#pragma once
// One folder per accepted version of a channel, and the `current` pointer that names the
// active one. A version folder is written whole under a temporary name, fsynced, then renamed;
// `current` is switched by an atomic rename of a small file. So at any instant `current`
// names either the old or the new version, and whichever it names is complete.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "content/store/blobs.hpp"
#include "content/store/layout.hpp"
#include "scheduler/time.hpp"

namespace gatecast::content {

struct StoredVersion {
  std::int64_t version = 0;
  std::string manifest;   // the raw, verified bytes of manifest.json
  std::string signature;  // the raw bytes of manifest.json.minisig
  std::vector<BlobRef> blobs;
  Instant installed_at;
};

// Writes channels/<channel>/versions/<version>/ whole: first into a temporary folder (each file
// fsynced, the folder fsynced), then renamed into place (the versions folder fsynced). A folder
// of the same version left by an earlier cut install is replaced. `after_staged` runs between
// the two (a test's crash point). Throws Error(runtime).
void write_version(const StoreLayout& layout, const std::string& channel, const StoredVersion& version,
                   const std::function<void()>& after_staged = {});

// Reads a version folder. Throws Error(runtime) when it is missing or damaged.
[[nodiscard]] StoredVersion read_version(const StoreLayout& layout, const std::string& channel,
                                         std::int64_t version);

// The version numbers that have a (final-named) folder, ascending.
[[nodiscard]] std::vector<std::int64_t> list_versions(const StoreLayout& layout, const std::string& channel);

// The channels that have a folder in the store, sorted.
[[nodiscard]] std::vector<std::string> list_channels(const StoreLayout& layout);

// The active version, from `current`; nullopt when none. Throws Error(runtime) on a damaged
// pointer.
[[nodiscard]] std::optional<std::int64_t> read_current(const StoreLayout& layout, const std::string& channel);

// Points `current` at `version` (whose folder must exist) by an atomic rename. Throws
// Error(runtime).
void switch_current(const StoreLayout& layout, const std::string& channel, std::int64_t version);

}  // namespace gatecast::content
