#pragma once
// The disk a power cut leaves (the power-cut test, tests/power_cut/): the write log that
// write_recorder.c makes, read back as operations, and a model of one folder that applies them
// and can write out, for any point in the log, what survives a cut there.
//
// The model is POSIX's worst case, which is what the store promises to survive:
// - a file's bytes and size are durable only as of the last fsync/fdatasync of that file;
// - a folder's entries (create, rename, link, unlink, rmdir in it) are durable only as of the
//   last fsync of that folder, and fsyncing a file makes none of its names durable;
// - a name that is durable but whose file was never synced comes back as that file's last
//   synced bytes (empty when it never was): what ext4 with delalloc leaves after a rename
//   that was not preceded by an fsync;
// - each folder is on its own: a rename between two folders is durable on each side when
//   that side is synced (journalling file systems are kinder and make it one step);
// - sync()/syncfs() make everything durable.
// ext4 data=ordered writes a file's data before the metadata that names it, so it loses less
// than this; a store that survives this model survives it.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gatecast::test {

struct WriteOp {
  char kind = 0;            // N W T R L U X S A M E (write_recorder.c)
  bool folder = false;      // N: a folder was made
  std::uint64_t ino = 0;    // N W T S
  std::int64_t offset = 0;  // W: where; T: the new size
  std::string bytes;        // W: what
  std::string path;         // N R L U X: the path (relative to the root); M E: the text
  std::string to;           // R L: the second path
};

// Reads the whole log; throws std::runtime_error on a damaged one.
[[nodiscard]] std::vector<WriteOp> read_write_log(const std::filesystem::path& file);

class CrashDisk {
 public:
  // Starts from the folder as it is now (all of it durable): call before the recorded run.
  explicit CrashDisk(const std::filesystem::path& root);

  // Applies one operation (markers are ignored). Throws std::runtime_error for an operation the
  // model cannot place (a path or inode it never saw): the log and the disk disagree.
  void apply(const WriteOp& op);

  // Writes what a power cut now would leave into `out` (which must not exist).
  void write_durable(const std::filesystem::path& out) const;

  // Every file below `folder` (relative) whose name its own folder's fsync made durable, with
  // the bytes its own fsyncs made durable: what the program was promised inside `folder`,
  // whether or not `folder`'s name is durable in turn. Empty when `folder` does not exist now.
  [[nodiscard]] std::map<std::string, std::string> synced_within(const std::string& folder) const;

  // Every path (relative) -> "dir" or the file's bytes, as the running programs see it now;
  // after the whole log this must equal the real folder, which proves the log is complete.
  [[nodiscard]] std::map<std::string, std::string> visible() const;

 private:
  struct Node {
    bool folder = false;
    std::string bytes, durable_bytes;
    std::map<std::string, int> entries, durable_entries;
  };
  int new_node(bool folder);
  int lookup(const std::string& path) const;
  // The folder that holds `path` and the last component's name.
  std::pair<int, std::string> parent_of(const std::string& path) const;
  int node_of_inode(std::uint64_t ino) const;
  void write_node(int node, const std::filesystem::path& out, int depth) const;
  void list_node(int node, const std::string& prefix, std::map<std::string, std::string>& out) const;
  void list_synced(int node, const std::string& prefix, std::map<std::string, std::string>& out,
                   int depth) const;

  std::vector<Node> nodes_;
  std::map<std::uint64_t, int> by_inode_;
  int root_ = 0;
};

// Every path under `root` (relative) -> "dir" or the file's bytes (the same form as visible()).
[[nodiscard]] std::map<std::string, std::string> folder_contents(const std::filesystem::path& root);

}  // namespace gatecast::test
