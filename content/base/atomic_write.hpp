#pragma once
// Writing files that must survive a power cut whole: either the old bytes or the new ones
// are on disk, never a torn mix. Used by the store and every writer of a file that matters.
#include <filesystem>
#include <string_view>

namespace gatecast::content {

// Writes `bytes` to a temporary name in target's folder, fsyncs it, sets `mode`, renames it
// over `target` and fsyncs the folder. The folder must exist. On failure the temporary file
// is removed, `target` is untouched, and Error(runtime, target, ...) is thrown.
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes, unsigned mode = 0644);

// Like write_file_atomically, but never replaces an existing file: returns false (and writes
// nothing) when `target` exists. Needs a file system with hard links (not vfat).
[[nodiscard]] bool create_file_atomically(const std::filesystem::path& target, std::string_view bytes,
                                          unsigned mode = 0644);

// Makes a folder's entries (a rename, a new file) durable. Throws Error(runtime, dir, ...).
void fsync_directory(const std::filesystem::path& dir);

// Makes `dir` and every missing folder above it, each synced into its parent before the next
// one is made in it: a file synced in a new folder survives a power cut only when the
// folder's own name does. A part that exists must be a folder (or a link to one). Throws
// Error(runtime, dir, ...).
void create_folders_durably(const std::filesystem::path& dir);

}  // namespace gatecast::content
