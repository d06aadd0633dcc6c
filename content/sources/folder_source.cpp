// A publish tree in a folder: a USB stick's gatecast/ folder or a local copy. Only supplies
// bytes; the installer checks them. Every file is reached from the root one name at a time
// with O_NOFOLLOW, and only regular files are read, so a symlink, a FIFO or a device planted
// in the tree is refused rather than followed or blocked on. Names come from a checked channel
// name and a checked hash, never from the tree.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "content/base/error.hpp"
#include "content/base/publish_tree.hpp"
#include "content/base/read_piece.hpp"
#include "content/base/sha256.hpp"
#include "content/base/unique_fd.hpp"
#include "content/sources/source.hpp"

namespace gatecast::content {

namespace {

struct Opened {
  UniqueFd fd;
  std::uint64_t size = 0;
};

// Writes all of `n` bytes, retrying short writes and EINTR.
void write_all(int fd, const char* data, std::size_t n, const std::filesystem::path& file) {
  while (n > 0) {
    const ssize_t w = ::write(fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      fail_runtime(Reason::io, file.string(), errno_text("cannot write"));
    }
    data += w;
    n -= static_cast<std::size_t>(w);
  }
}

class FolderSource final : public Source {
 public:
  explicit FolderSource(std::filesystem::path root) : root_(std::move(root)) {}

  std::string describe() const override { return root_.string(); }

  std::optional<FetchedManifest> fetch_manifest(const std::string& channel,
                                                const SourceLimits& limits) override {
    check_channel_name(channel, channel, Outcome::usage);
    const std::vector<std::string> dir{"channels", channel};
    std::optional<Opened> manifest = open_in_tree(dir, "manifest.json");
    if (!manifest)
      fail_runtime(Reason::not_found, display(dir, "manifest.json"),
                   "not found: this publish tree has no such channel");
    std::optional<Opened> signature = open_in_tree(dir, "manifest.json.minisig");
    if (!signature) {
      fail_rejected(Reason::signature, display(dir, "manifest.json.minisig"),
                    "is missing: the manifest is not signed");
    }
    FetchedManifest fetched;
    fetched.manifest = read_bounded(*manifest, limits.max_manifest_bytes, display(dir, "manifest.json"));
    fetched.signature =
        read_bounded(*signature, limits.max_signature_bytes, display(dir, "manifest.json.minisig"));
    return fetched;
  }

  std::optional<std::string> fetch_file(const std::string& relpath, std::uint64_t limit) override {
    std::vector<std::string> dir;
    std::size_t start = 0;
    for (std::size_t slash; (slash = relpath.find('/', start)) != std::string::npos; start = slash + 1) {
      dir.push_back(relpath.substr(start, slash - start));
    }
    const std::string name = relpath.substr(start);
    for (const std::string& part : dir) {
      if (part.empty() || part == "." || part == "..")
        fail_runtime(Reason::not_found, relpath, "is not a path inside the tree");
    }
    if (name.empty() || name == "." || name == "..")
      fail_runtime(Reason::not_found, relpath, "is not a path inside the tree");
    std::optional<Opened> file = open_in_tree(dir, name);
    if (!file) return std::nullopt;
    return read_bounded(*file, limit, display(dir, name));
  }

  void fetch_blob(const std::string& sha256, std::uint64_t size,
                  const std::filesystem::path& partial) override {
    fetch_blob_watching(sha256, size, partial, {});
  }

  void fetch_blob_watching(const std::string& sha256, std::uint64_t size,
                           const std::filesystem::path& partial,
                           const std::function<void(std::uint64_t)>& moved) override {
    if (!is_sha256_hex(sha256)) fail_rejected(Reason::schema, sha256, "is not a SHA-256 in lowercase hex");
    const std::vector<std::string> dir{"blobs"};
    const std::string where = display(dir, sha256);
    std::optional<Opened> blob = open_in_tree(dir, sha256);
    if (!blob) fail_rejected(Reason::not_found, where, "is missing from the publish tree");
    if (blob->size > size) {
      fail_rejected(Reason::hash, where,
                    "has " + std::to_string(blob->size) + " bytes, more than the " + std::to_string(size) +
                        " the manifest says");
    }
    // O_NONBLOCK: a FIFO left in staging would otherwise hang the open (refused below).
    UniqueFd out(::open(partial.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644));
    if (out.get() < 0) fail_runtime(Reason::io, partial.string(), errno_text("cannot open"));
    struct stat st {};
    if (::fstat(out.get(), &st) != 0) fail_runtime(Reason::io, partial.string(), errno_text("cannot stat"));
    if (!S_ISREG(st.st_mode)) fail_runtime(Reason::io, partial.string(), "is not a regular file");
    auto have = static_cast<std::uint64_t>(st.st_size);
    if (have > size) {  // not a prefix of this blob: start over
      if (::ftruncate(out.get(), 0) != 0)
        fail_runtime(Reason::io, partial.string(), errno_text("cannot truncate"));
      have = 0;
    }
    if (::lseek(out.get(), static_cast<off_t>(have), SEEK_SET) < 0 ||
        ::lseek(blob->fd.get(), static_cast<off_t>(have), SEEK_SET) < 0) {
      fail_runtime(Reason::io, where, errno_text("cannot seek to resume"));
    }
    const std::size_t piece = read_piece_for(size - have);
    std::unique_ptr<char[]> buffer(new char[piece]);
    while (have < size) {
      const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(size - have, piece));
      const ssize_t n = ::read(blob->fd.get(), buffer.get(), want);
      if (n < 0) {
        if (errno == EINTR) continue;
        fail_runtime(Reason::io, where, errno_text("cannot read"));
      }
      if (n == 0) {
        fail_rejected(Reason::hash, where,
                      "has " + std::to_string(have) + " bytes, fewer than the " + std::to_string(size) +
                          " the manifest says");
      }
      write_all(out.get(), buffer.get(), static_cast<std::size_t>(n), partial);
      have += static_cast<std::uint64_t>(n);
      if (moved) moved(have);
    }
    // The file may have grown since fstat: one byte more is a blob longer than the manifest says.
    char extra = 0;
    if (::read(blob->fd.get(), &extra, 1) > 0) {
      fail_rejected(Reason::hash, where,
                    "has more bytes than the " + std::to_string(size) + " the manifest says");
    }
  }

 private:
  std::string display(const std::vector<std::string>& dir, const std::string& name) const {
    std::filesystem::path p = root_;
    for (const std::string& part : dir) p /= part;
    return (p / name).string();
  }

  // Opens root/dir.../name without following a symlink at any step below the root; nullopt
  // when something along the way does not exist. A symlink or a non-regular file is
  // Error(rejected): the tree is damaged or hostile.
  std::optional<Opened> open_in_tree(const std::vector<std::string>& dir, const std::string& name) const {
    UniqueFd at(::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (at.get() < 0) {
      fail_runtime(Reason::io, root_.string(), errno_text("cannot open the publish tree"));
    }
    for (const std::string& part : dir) {
      UniqueFd next(::openat(at.get(), part.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW));
      if (next.get() < 0) {
        if (errno == ENOENT) return std::nullopt;
        if (errno == ELOOP || errno == ENOTDIR)
          fail_rejected(Reason::schema, display(dir, ""), "is not a plain folder (a symlink?)");
        fail_runtime(Reason::io, display(dir, ""), errno_text("cannot open"));
      }
      at = std::move(next);
    }
    UniqueFd file(::openat(at.get(), name.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
    if (file.get() < 0) {
      if (errno == ENOENT) return std::nullopt;
      if (errno == ELOOP)
        fail_rejected(Reason::schema, display(dir, name),
                      "is a symbolic link; the publish tree must hold plain files");
      fail_runtime(Reason::io, display(dir, name), errno_text("cannot open"));
    }
    struct stat st {};
    if (::fstat(file.get(), &st) != 0)
      fail_runtime(Reason::io, display(dir, name), errno_text("cannot stat"));
    if (!S_ISREG(st.st_mode)) fail_rejected(Reason::schema, display(dir, name), "is not a regular file");
    // Plain blocking reads from here on (O_NONBLOCK only kept a FIFO from hanging the open).
    const int flags = ::fcntl(file.get(), F_GETFL);
    if (flags >= 0) ::fcntl(file.get(), F_SETFL, flags & ~O_NONBLOCK);
    return Opened{std::move(file), static_cast<std::uint64_t>(st.st_size)};
  }

  static std::string read_bounded(Opened& opened, std::uint64_t limit, const std::string& where) {
    if (opened.size > limit) {
      fail_rejected(
          Reason::limit, where,
          "is larger than " + std::to_string(limit) + " bytes (" + std::to_string(opened.size) + ")");
    }
    std::string bytes;
    char buffer[65536];
    for (;;) {
      const ssize_t n = ::read(opened.fd.get(), buffer, sizeof buffer);
      if (n < 0) {
        if (errno == EINTR) continue;
        fail_runtime(Reason::io, where, errno_text("cannot read"));
      }
      if (n == 0) break;
      bytes.append(buffer, static_cast<std::size_t>(n));
      if (bytes.size() > limit)
        fail_rejected(Reason::limit, where, "is larger than " + std::to_string(limit) + " bytes");
    }
    return bytes;
  }

  std::filesystem::path root_;
};

}  // namespace

std::unique_ptr<Source> open_folder_source(const std::filesystem::path& root) {
  return std::make_unique<FolderSource>(root);
}

}  // namespace gatecast::content
