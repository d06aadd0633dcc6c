#pragma once
// A folder tree built from fuzz bytes, for the targets whose input is a folder rather than a
// byte string (the store's data_dir, a USB stick). The input is a tiny archive of entries:
//
//   kind (1 byte) | name length n (1 byte) | name (n bytes) | size m (2 bytes, little endian) | m bytes
//
// kind % 4: 0 a regular file holding the bytes, 1 a folder, 2 a symbolic link, 3 a FIFO. The
// name is a '/'-separated relative path; empty, "." and ".." parts and NULs are dropped, so
// nothing is written outside the tree. A link's target is the bytes made into such a path
// under `link_base` (a sandbox folder of the target's choosing): a hostile link points at
// places the target can watch, never at the machine's real files. A truncated last entry
// keeps what it has. Entries that cannot be made (a file where a folder should be) are skipped.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace gatecast::fuzz {

struct TreeEntry {
  enum Kind { file, folder, symlink, fifo } kind = file;
  std::filesystem::path relative;
  std::string bytes;
};

// `text` as a relative path with no way out of the folder it is joined to.
inline std::filesystem::path confined_path(std::string_view text) {
  std::filesystem::path out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t slash = text.find('/', start);
    if (slash == std::string_view::npos) slash = text.size();
    std::string part(text.substr(start, slash - start));
    std::erase(part, '\0');
    if (!part.empty() && part != "." && part != "..") out /= part;
    start = slash + 1;
  }
  return out;
}

inline std::vector<TreeEntry> parse_tree(std::string_view input) {
  std::vector<TreeEntry> entries;
  std::size_t at = 0;
  while (at + 2 <= input.size()) {
    TreeEntry entry;
    entry.kind = static_cast<TreeEntry::Kind>(static_cast<unsigned char>(input[at]) % 4);
    const std::size_t name_size = static_cast<unsigned char>(input[at + 1]);
    at += 2;
    entry.relative = confined_path(input.substr(at, name_size));
    at += std::min(name_size, input.size() - at);
    std::size_t size = 0;
    if (at + 2 <= input.size()) {
      size = static_cast<unsigned char>(input[at]) |
             (static_cast<std::size_t>(static_cast<unsigned char>(input[at + 1])) << 8);
      at += 2;
    } else {
      at = input.size();
    }
    size = std::min(size, input.size() - at);
    entry.bytes = std::string(input.substr(at, size));
    at += size;
    if (!entry.relative.empty()) entries.push_back(std::move(entry));
  }
  return entries;
}

// Makes the entries under `root` (which must exist). Returns the paths made.
inline std::vector<std::filesystem::path> make_tree(const std::filesystem::path& root,
                                                    const std::vector<TreeEntry>& entries,
                                                    const std::filesystem::path& link_base) {
  std::vector<std::filesystem::path> made;
  for (const TreeEntry& entry : entries) {
    const std::filesystem::path path = root / entry.relative;
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) continue;
    bool ok = false;
    switch (entry.kind) {
      case TreeEntry::file: {
        if (std::filesystem::exists(std::filesystem::symlink_status(path, ec))) break;
        std::ofstream out(path, std::ios::binary);
        out.write(entry.bytes.data(), static_cast<std::streamsize>(entry.bytes.size()));
        ok = static_cast<bool>(out);
        break;
      }
      case TreeEntry::folder:
        std::filesystem::create_directory(path, ec);
        ok = !ec;
        break;
      case TreeEntry::symlink:
        std::filesystem::create_symlink(link_base / confined_path(entry.bytes), path, ec);
        ok = !ec;
        break;
      case TreeEntry::fifo:
        ok = ::mkfifo(path.c_str(), 0644) == 0;
        break;
    }
    if (ok) made.push_back(path);
  }
  return made;
}

// The archive bytes of one entry (for writing seeds).
inline std::string tree_entry(TreeEntry::Kind kind, std::string_view name, std::string_view bytes) {
  std::string out;
  out += static_cast<char>(kind);
  out += static_cast<char>(name.size());
  out += name;
  out += static_cast<char>(bytes.size() & 0xff);
  out += static_cast<char>((bytes.size() >> 8) & 0xff);
  out += bytes;
  return out;
}

// The fastest temporary file system there is for a scratch folder: /dev/shm when present (the
// store fsyncs every write, which a tmpfs makes cheap), else the system's temp dir.
inline std::filesystem::path fast_temp_base() {
  std::error_code ec;
  return std::filesystem::is_directory("/dev/shm", ec) ? std::filesystem::path("/dev/shm")
                                                       : std::filesystem::temp_directory_path();
}

// `dir` emptied (made when missing), for the next input.
inline void reset_folder(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  std::filesystem::create_directories(dir);
}

// Every entry under `root`, as paths relative to it (symlinks not followed).
inline std::vector<std::string> list_tree(const std::filesystem::path& root) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    out.push_back(std::filesystem::relative(it->path(), root, ec).string());
  }
  return out;
}

}  // namespace gatecast::fuzz
