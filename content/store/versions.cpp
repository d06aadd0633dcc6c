#include "content/store/versions.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <system_error>

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/base/path_exists.hpp"
#include "content/base/publish_tree.hpp"

namespace gatecast::content {

namespace {

constexpr const char* manifest_name = "manifest.json";
constexpr const char* signature_name = "manifest.json.minisig";
constexpr const char* blobs_name = "blobs";
constexpr const char* installed_name = "installed";
constexpr std::uint64_t max_manifest_file = 8u << 20;  // above any manifest limit
constexpr std::uint64_t max_small_file = 16u << 10;
constexpr std::uint64_t max_blob_list_file = 4u << 20;
constexpr std::int64_t max_version = std::int64_t{1} << 53;

// A decimal number 1..2^53 without sign or leading zeros; nullopt for anything else.
std::optional<std::int64_t> parse_version(std::string_view text) {
  if (text.empty() || text.size() > 16 || text.front() == '0') return std::nullopt;
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 1 || value > max_version) {
    return std::nullopt;
  }
  return value;
}

bool is_real_folder(const std::filesystem::path& dir) {
  struct stat st {};
  return ::lstat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string read_required(const std::filesystem::path& file, std::uint64_t max_bytes) {
  std::optional<std::string> bytes = read_store_file(file, max_bytes);
  if (!bytes) fail_runtime(Reason::not_found, file.string(), "is missing from the store");
  return std::move(*bytes);
}

}  // namespace

void write_version(const StoreLayout& layout, const std::string& channel, const StoredVersion& version,
                   const std::function<void()>& after_staged) {
  create_store_folder(layout.channel_dir(channel));
  create_store_folder(layout.versions_dir(channel));
  const std::filesystem::path temporary = layout.version_temp_dir(channel, version.version);
  const std::filesystem::path final_dir = layout.version_dir(channel, version.version);
  if (read_current(layout, channel) == version.version) {
    fail_runtime(Reason::rollback, final_dir.string(), "is the active version and cannot be rewritten");
  }

  if (path_exists(temporary, Links::not_followed)) remove_store_folder(temporary);
  create_store_folder(temporary);
  write_file_atomically(temporary / manifest_name, version.manifest);
  write_file_atomically(temporary / signature_name, version.signature);
  write_file_atomically(temporary / blobs_name, format_blob_list(version.blobs));
  write_file_atomically(temporary / installed_name,
                        std::to_string(version.installed_at.time_since_epoch().count()) + "\n");
  fsync_directory(temporary);
  if (after_staged) after_staged();

  // A folder of this version left by a cut install never became current (checked above).
  if (path_exists(final_dir, Links::not_followed)) remove_store_folder(final_dir);
  std::error_code ec;
  std::filesystem::rename(temporary, final_dir, ec);
  if (ec)
    fail_runtime(Reason::io, final_dir.string(), "cannot rename the new version into place: " + ec.message());
  fsync_directory(layout.versions_dir(channel));
}

StoredVersion read_version(const StoreLayout& layout, const std::string& channel, std::int64_t version) {
  const std::filesystem::path dir = layout.version_dir(channel, version);
  if (!is_real_folder(dir)) fail_runtime(Reason::not_found, dir.string(), "is missing from the store");
  StoredVersion stored;
  stored.version = version;
  stored.manifest = read_required(dir / manifest_name, max_manifest_file);
  stored.signature = read_required(dir / signature_name, max_small_file);
  stored.blobs =
      parse_blob_list(read_required(dir / blobs_name, max_blob_list_file), (dir / blobs_name).string());
  const std::string installed = read_required(dir / installed_name, max_small_file);
  std::int64_t ms = 0;
  const auto [ptr, ec] = std::from_chars(installed.data(), installed.data() + installed.size(), ms);
  if (ec != std::errc() || ptr == installed.data() || std::string_view(ptr) != "\n") {
    fail_runtime(Reason::io, (dir / installed_name).string(), "is damaged");
  }
  stored.installed_at = Instant(Duration(ms));
  return stored;
}

std::vector<std::int64_t> list_versions(const StoreLayout& layout, const std::string& channel) {
  std::vector<std::int64_t> versions;
  const std::filesystem::path dir = layout.versions_dir(channel);
  for (const std::string& name : list_store_folder(dir)) {
    const std::optional<std::int64_t> v = parse_version(name);
    if (v && is_real_folder(dir / name)) versions.push_back(*v);
  }
  std::sort(versions.begin(), versions.end());
  return versions;
}

std::vector<std::string> list_channels(const StoreLayout& layout) {
  std::vector<std::string> channels = list_store_folder(layout.channels_dir());
  std::erase_if(channels, [&](const std::string& name) {
    return !is_valid_channel_name(name) || !is_real_folder(layout.channels_dir() / name);
  });
  return channels;
}

std::optional<std::int64_t> read_current(const StoreLayout& layout, const std::string& channel) {
  const std::filesystem::path file = layout.current_file(channel);
  const std::optional<std::string> text = read_store_file(file, 64);
  if (!text) return std::nullopt;
  std::optional<std::int64_t> version;
  if (!text->empty() && text->back() == '\n')
    version = parse_version(std::string_view(*text).substr(0, text->size() - 1));
  if (!version) fail_runtime(Reason::io, file.string(), "is damaged (expected a version number)");
  return version;
}

void switch_current(const StoreLayout& layout, const std::string& channel, std::int64_t version) {
  const std::filesystem::path dir = layout.version_dir(channel, version);
  if (!is_real_folder(dir))
    fail_runtime(Reason::not_found, dir.string(), "cannot be activated: it is missing");
  write_file_atomically(layout.current_file(channel), std::to_string(version) + "\n");
}

}  // namespace gatecast::content
