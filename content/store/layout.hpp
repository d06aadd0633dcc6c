#pragma once
// Where everything lives in the screen's store (docs/store.md), and the lock that keeps two
// installs (the sync thread and a USB import) from working on it at once. Every path is built
// here from data_dir, a checked channel name, a version number or a blob hash: nothing from a
// package or a source ever names a path.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "content/base/unique_fd.hpp"

namespace gatecast::content {

//   data_dir/store/blobs/<sha256>                          verified blobs, read-only, shared by channels
//   data_dir/store/staging/<manifest sha256>/<sha256>.partial   blobs being fetched (resumable)
//   data_dir/store/staging/<manifest sha256>/<sha256>      fetched and verified, not yet admitted
//   data_dir/store/channels/<channel>/versions/<version>/  manifest.json, manifest.json.minisig,
//                                                          blobs, installed
//   data_dir/store/channels/<channel>/versions/.tmp-<version>/   a version folder being written
//   data_dir/store/channels/<channel>/current              the active version's number
//   data_dir/accepted/<channel>                            highest accepted version + manifest hash
//   data_dir/store/lock                                    flock'd by an install
class StoreLayout {
 public:
  explicit StoreLayout(std::filesystem::path data_dir);

  const std::filesystem::path& data_dir() const { return data_dir_; }
  std::filesystem::path root() const { return data_dir_ / "store"; }
  std::filesystem::path blobs_dir() const { return root() / "blobs"; }
  std::filesystem::path staging_dir() const { return root() / "staging"; }
  std::filesystem::path channels_dir() const { return root() / "channels"; }
  std::filesystem::path records_dir() const { return data_dir_ / "accepted"; }
  std::filesystem::path lock_file() const { return root() / "lock"; }

  // These check their arguments (channel name, hash form) and throw Error(runtime) on a bad
  // one: a caller passing an unchecked name is a bug, never a path outside the store.
  std::filesystem::path blob(const std::string& sha256) const;
  std::filesystem::path staging_for(const std::string& manifest_sha256) const;
  std::filesystem::path channel_dir(const std::string& channel) const;
  std::filesystem::path versions_dir(const std::string& channel) const;
  std::filesystem::path version_dir(const std::string& channel, std::int64_t version) const;
  std::filesystem::path version_temp_dir(const std::string& channel, std::int64_t version) const;
  std::filesystem::path current_file(const std::string& channel) const;
  std::filesystem::path record_file(const std::string& channel) const;

 private:
  std::filesystem::path data_dir_;
};

// Creates data_dir, the store's folders and the records folder when missing (fsyncing each new
// folder's parent). Throws Error(runtime).
void create_store_folders(const StoreLayout& layout);

// Creates one folder (its parent must exist) and fsyncs the parent when it was new; an
// existing folder is fine, an existing non-folder (a symlink too) is Error(runtime).
void create_store_folder(const std::filesystem::path& dir);

// Removes a folder of the store with everything in it and fsyncs its parent; a symlink inside
// is removed, never followed. Throws Error(runtime).
void remove_store_folder(const std::filesystem::path& dir);

// An exclusive flock on the store's lock file, held for the object's life. With `wait`, blocks
// until the lock is free; without, held() says whether it was free. Throws Error(runtime) when
// the lock file cannot be opened (the store's folder must exist).
class StoreLock {
 public:
  explicit StoreLock(const StoreLayout& layout, bool wait = true);
  bool held() const { return fd_.get() >= 0; }
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;

 private:
  UniqueFd fd_;  // closing it releases the flock
};

// The names of the entries in a folder of the store, sorted; empty when the folder does not
// exist. Throws Error(runtime) when it cannot be listed.
[[nodiscard]] std::vector<std::string> list_store_folder(const std::filesystem::path& dir);

// Reads a small file of the store (a pointer, a record, a version's files), refusing one larger
// than `max_bytes` and anything but a regular file (a symlink is never followed). Returns
// nullopt when it does not exist; throws Error(runtime) when it cannot be read.
[[nodiscard]] std::optional<std::string> read_store_file(const std::filesystem::path& file,
                                                         std::uint64_t max_bytes);

}  // namespace gatecast::content
