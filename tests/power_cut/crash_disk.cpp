#include "power_cut/crash_disk.hpp"

#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace gatecast::test {

namespace {

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::uint64_t inode_of(const std::filesystem::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) throw std::runtime_error("cannot stat " + path.string());
  return st.st_ino;
}

}  // namespace

std::vector<WriteOp> read_write_log(const std::filesystem::path& file) {
  const std::string log = read_file(file);
  std::vector<WriteOp> ops;
  std::size_t pos = 0;
  while (pos < log.size()) {
    const std::size_t end = log.find('\n', pos);
    if (end == std::string::npos) throw std::runtime_error("write log: a record without its newline");
    std::istringstream line(log.substr(pos, end - pos));
    pos = end + 1;
    WriteOp op;
    line >> op.kind;
    switch (op.kind) {
      case 'N': {
        char what = 0;
        line >> what >> op.ino >> op.path;
        op.folder = what == 'D';
        break;
      }
      case 'W': {
        std::size_t size = 0;
        line >> op.ino >> op.offset >> size;
        if (pos + size > log.size()) throw std::runtime_error("write log: a write's bytes are cut short");
        op.bytes = log.substr(pos, size);
        pos += size;
        break;
      }
      case 'T':
        line >> op.ino >> op.offset;
        break;
      case 'R':
      case 'L':
        line >> op.path >> op.to;
        break;
      case 'U':
      case 'X':
        line >> op.path;
        break;
      case 'S':
        line >> op.ino;
        break;
      case 'A':
        break;
      case 'M':
      case 'E':
        line.get();
        std::getline(line, op.path);
        break;
      default:
        throw std::runtime_error(std::string("write log: unknown record ") + op.kind);
    }
    if (line.fail()) throw std::runtime_error(std::string("write log: damaged record ") + op.kind);
    ops.push_back(std::move(op));
  }
  return ops;
}

CrashDisk::CrashDisk(const std::filesystem::path& root) {
  root_ = new_node(true);
  by_inode_[inode_of(root)] = root_;
  // Breadth first from the root: every entry there now counts as durable.
  std::vector<std::pair<std::filesystem::path, int>> todo{{root, root_}};
  while (!todo.empty()) {
    auto [dir, node] = todo.back();
    todo.pop_back();
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      const bool folder = entry.is_directory() && !entry.is_symlink();
      if (!folder && !entry.is_regular_file())
        throw std::runtime_error(entry.path().string() + ": neither a file nor a folder");
      const int child = new_node(folder);
      by_inode_[inode_of(entry.path())] = child;
      const std::string name = entry.path().filename().string();
      nodes_[node].entries[name] = nodes_[node].durable_entries[name] = child;
      if (folder) {
        todo.emplace_back(entry.path(), child);
      } else {
        nodes_[child].bytes = nodes_[child].durable_bytes = read_file(entry.path());
      }
    }
  }
}

int CrashDisk::new_node(bool folder) {
  nodes_.emplace_back();
  nodes_.back().folder = folder;
  return static_cast<int>(nodes_.size() - 1);
}

int CrashDisk::lookup(const std::string& path) const {
  if (path == ".") return root_;
  int node = root_;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    const std::size_t slash = std::min(path.find('/', pos), path.size());
    const std::string name = path.substr(pos, slash - pos);
    const auto& entries = nodes_[node].entries;
    const auto it = entries.find(name);
    if (it == entries.end()) throw std::runtime_error("write log names " + path + ", which the model lacks");
    node = it->second;
    pos = slash + 1;
  }
  return node;
}

std::pair<int, std::string> CrashDisk::parent_of(const std::string& path) const {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return {root_, path};
  const int parent = lookup(path.substr(0, slash));
  if (!nodes_[parent].folder) throw std::runtime_error("write log: " + path + " is below a file");
  return {parent, path.substr(slash + 1)};
}

int CrashDisk::node_of_inode(std::uint64_t ino) const {
  const auto it = by_inode_.find(ino);
  if (it == by_inode_.end())
    throw std::runtime_error("write log names inode " + std::to_string(ino) + ", which the model lacks");
  return it->second;
}

void CrashDisk::apply(const WriteOp& op) {
  switch (op.kind) {
    case 'N': {
      // A new inode, even when its number was used before: the old one may still be named
      // on the durable side.
      auto [parent, name] = parent_of(op.path);
      const int node = new_node(op.folder);
      by_inode_[op.ino] = node;
      nodes_[parent].entries[name] = node;
      break;
    }
    case 'W': {
      std::string& bytes = nodes_[node_of_inode(op.ino)].bytes;
      const auto end = static_cast<std::size_t>(op.offset) + op.bytes.size();
      if (bytes.size() < end) bytes.resize(end, '\0');
      bytes.replace(static_cast<std::size_t>(op.offset), op.bytes.size(), op.bytes);
      break;
    }
    case 'T':
      nodes_[node_of_inode(op.ino)].bytes.resize(static_cast<std::size_t>(op.offset), '\0');
      break;
    case 'R':
    case 'L': {
      const int node = lookup(op.path);
      auto [to_parent, to_name] = parent_of(op.to);
      if (op.kind == 'R') {
        auto [from_parent, from_name] = parent_of(op.path);
        nodes_[from_parent].entries.erase(from_name);
      }
      nodes_[to_parent].entries[to_name] = node;
      break;
    }
    case 'U':
    case 'X': {
      auto [parent, name] = parent_of(op.path);
      if (!nodes_[parent].entries.erase(name))
        throw std::runtime_error("write log removes missing " + op.path);
      break;
    }
    case 'S': {
      Node& node = nodes_[node_of_inode(op.ino)];
      if (node.folder) {
        node.durable_entries = node.entries;
      } else {
        node.durable_bytes = node.bytes;
      }
      break;
    }
    case 'A':
      for (Node& node : nodes_) {
        node.durable_entries = node.entries;
        node.durable_bytes = node.bytes;
      }
      break;
    case 'M':
      break;
    case 'E':
      throw std::runtime_error("write log: " + op.path);
    default:
      throw std::runtime_error(std::string("write log: unknown record ") + op.kind);
  }
}

void CrashDisk::write_node(int node, const std::filesystem::path& out, int depth) const {
  if (depth > 64) throw std::runtime_error("durable folders form a loop at " + out.string());
  const Node& n = nodes_[node];
  if (!n.folder) {
    std::ofstream file(out, std::ios::binary);
    file.write(n.durable_bytes.data(), static_cast<std::streamsize>(n.durable_bytes.size()));
    if (!file) throw std::runtime_error("cannot write " + out.string());
    return;
  }
  std::filesystem::create_directory(out);
  for (const auto& [name, child] : n.durable_entries) write_node(child, out / name, depth + 1);
}

void CrashDisk::write_durable(const std::filesystem::path& out) const {
  write_node(root_, out, 0);
}

void CrashDisk::list_node(int node, const std::string& prefix,
                          std::map<std::string, std::string>& out) const {
  for (const auto& [name, child] : nodes_[node].entries) {
    const std::string path = prefix.empty() ? name : prefix + "/" + name;
    if (nodes_[child].folder) {
      out[path] = "dir";
      list_node(child, path, out);
    } else {
      out[path] = nodes_[child].bytes;
    }
  }
}

void CrashDisk::list_synced(int node, const std::string& prefix, std::map<std::string, std::string>& out,
                            int depth) const {
  if (depth > 64) throw std::runtime_error("durable folders form a loop at " + prefix);
  for (const auto& [name, child] : nodes_[node].durable_entries) {
    const std::string path = prefix.empty() ? name : prefix + "/" + name;
    if (nodes_[child].folder) {
      list_synced(child, path, out, depth + 1);
    } else {
      out[path] = nodes_[child].durable_bytes;
    }
  }
}

std::map<std::string, std::string> CrashDisk::synced_within(const std::string& folder) const {
  std::map<std::string, std::string> out;
  int node = root_;
  try {
    node = lookup(folder);
  } catch (const std::runtime_error&) {
    return out;  // not made (yet)
  }
  if (nodes_[node].folder) list_synced(node, "", out, 0);
  return out;
}

std::map<std::string, std::string> CrashDisk::visible() const {
  std::map<std::string, std::string> out;
  list_node(root_, "", out);
  return out;
}

std::map<std::string, std::string> folder_contents(const std::filesystem::path& root) {
  std::map<std::string, std::string> out;
  for (auto it = std::filesystem::recursive_directory_iterator(root);
       it != std::filesystem::recursive_directory_iterator(); ++it) {
    const std::string rel = std::filesystem::relative(it->path(), root).string();
    out[rel] = it->is_directory() && !it->is_symlink() ? std::string("dir") : read_file(it->path());
  }
  return out;
}

}  // namespace gatecast::test
