#include "content/store/gc.hpp"

#include <sys/stat.h>

#include <set>
#include <system_error>
#include <vector>

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/store/blobs.hpp"
#include "content/store/versions.hpp"

namespace gatecast::content {

namespace {

// Temporary names left by a cut write_file_atomically (".<name>.tmp-XXXXXX") or a cut
// write_version (".tmp-<version>"): never read, safe to remove under the lock.
bool is_leftover_name(const std::string& name) {
  return !name.empty() && name.front() == '.' && name.find(".tmp-") != std::string::npos;
}

// Removes leftovers of cut writes directly inside `dir` (a folder only install writes).
void remove_leftovers(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  try {
    names = list_store_folder(dir);
  } catch (const Error&) {
    return;
  }
  bool removed = false;
  for (const std::string& name : names) {
    if (!is_leftover_name(name)) continue;
    std::error_code ignored;
    std::filesystem::remove_all(dir / name, ignored);
    removed = removed || !ignored;
  }
  if (removed) {
    try {
      fsync_directory(dir);
    } catch (const Error&) {
      // Removal is best effort: a leftover that comes back after a cut is removed next time.
    }
  }
}

// The versions of `channel` to keep: the active one and the newest one below it. Versions
// above the active one were never activated (a cut install) and go.
std::set<std::int64_t> kept_versions(const std::optional<std::int64_t>& current,
                                     const std::vector<std::int64_t>& versions) {
  std::set<std::int64_t> kept;
  if (!current) return kept;
  for (auto it = versions.rbegin(); it != versions.rend() && kept.size() < kept_versions_per_channel; ++it) {
    if (*it <= *current) kept.insert(*it);
  }
  kept.insert(*current);
  return kept;
}

}  // namespace

GcResult collect_garbage(const StoreLayout& layout) {
  GcResult result;
  std::set<std::string> used;
  bool blob_list_complete = true;
  for (const std::string& channel : list_channels(layout)) {
    std::optional<std::int64_t> current;
    try {
      current = read_current(layout, channel);
    } catch (const Error&) {
      blob_list_complete = false;  // cannot tell what is active: remove nothing of this channel
      continue;
    }
    const std::vector<std::int64_t> versions = list_versions(layout, channel);
    const std::set<std::int64_t> kept = kept_versions(current, versions);
    for (std::int64_t v : versions) {
      if (kept.count(v)) continue;
      try {
        remove_store_folder(layout.version_dir(channel, v));
        ++result.versions_removed;
      } catch (const Error&) {
        // Best effort: it is tried again after the next install.
      }
    }
    remove_leftovers(layout.versions_dir(channel));
    remove_leftovers(layout.channel_dir(channel));
    for (std::int64_t v : kept) {
      try {
        for (const BlobRef& blob : read_version(layout, channel, v).blobs) used.insert(blob.sha256);
      } catch (const Error&) {
        blob_list_complete = false;
      }
    }
  }
  remove_leftovers(layout.records_dir());
  if (!blob_list_complete) return result;

  bool removed = false;
  for (const std::string& sha256 : list_blobs(layout)) {
    if (used.count(sha256)) continue;
    const std::filesystem::path file = layout.blob(sha256);
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    if (std::filesystem::remove(file, ec) && !ec) {
      ++result.blobs_removed;
      result.bytes_freed += size == static_cast<std::uintmax_t>(-1) ? 0 : size;
      removed = true;
    }
  }
  if (removed) fsync_directory(layout.blobs_dir());
  return result;
}

void clean_staging(const StoreLayout& layout, const std::string& keep_manifest_sha256) {
  for (const std::string& name : list_store_folder(layout.staging_dir())) {
    if (name != keep_manifest_sha256) remove_store_folder(layout.staging_dir() / name);
  }
}

}  // namespace gatecast::content
