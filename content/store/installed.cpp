#include "content/store/installed.hpp"

#include <system_error>
#include <vector>

#include "content/base/error.hpp"
#include "content/base/path_exists.hpp"
#include "content/base/publish_tree.hpp"
#include "content/base/sha256.hpp"
#include "content/manifest/manifest_json.hpp"
#include "content/store/blobs.hpp"
#include "content/store/layout.hpp"
#include "content/store/record.hpp"
#include "content/store/versions.hpp"

namespace gatecast::content {

namespace {

// A version folder as a package, or Error(runtime) naming what is damaged.
InstalledPackage load_version(const StoreLayout& layout, const std::string& channel, std::int64_t version) {
  const StoredVersion stored = read_version(layout, channel, version);
  const std::string subject = (layout.version_dir(channel, version) / "manifest.json").string();
  InstalledPackage package;
  try {
    package.manifest = parse_manifest(stored.manifest, subject);
  } catch (const Error& e) {
    // It parsed when it was installed: a failure now is a damaged store (or an older parser).
    fail_runtime(Reason::io, subject, "the installed manifest no longer reads: " + e.problem());
  }
  if (package.manifest.version != version || package.manifest.channel != channel) {
    fail_runtime(Reason::io, subject, "does not match the folder it is in");
  }
  for (const auto& [name, asset] : package.manifest.assets) {
    if (!blob_present(layout, BlobRef{asset.sha256, asset.size})) {
      fail_runtime(Reason::io, layout.blob(asset.sha256).string(),
                   "blob of asset " + name + " is missing or has the wrong size in the store");
    }
  }
  package.version = version;
  package.installed_at = stored.installed_at;
  package.blob_dir = layout.blobs_dir();
  return package;
}

// A cut between switching `current` and writing the record leaves the record behind. Repair it
// when the lock is free; when an install holds it, that install writes the record itself.
void repair_record(const StoreLayout& layout, const std::string& channel) {
  try {
    const StoreLock lock(layout, /*wait=*/false);
    if (!lock.held()) return;
    const std::optional<std::int64_t> current = read_current(layout, channel);
    if (!current) return;
    const std::optional<AcceptedRecord> record = read_record(layout, channel);
    if (record && record->version >= *current) return;
    const StoredVersion stored = read_version(layout, channel, *current);
    write_record(layout, channel, AcceptedRecord{*current, sha256_hex(stored.manifest)});
  } catch (const Error&) {
    // A read-only or damaged store: the installer's rollback check also looks at `current`.
  }
}

}  // namespace

std::filesystem::path InstalledPackage::asset_path(const std::string& asset_name) const {
  const auto it = manifest.assets.find(asset_name);
  if (it == manifest.assets.end())
    fail_runtime(Reason::not_found, asset_name, "is not an asset of the installed package");
  return blob_dir / it->second.sha256;
}

std::optional<InstalledPackage> load_installed(const Config& config, const std::string& channel) {
  if (!is_valid_channel_name(channel)) fail_usage(channel, "is not a valid channel name");
  const StoreLayout layout(config.data_dir);
  const std::optional<std::int64_t> current = read_current(layout, channel);
  if (!current) return std::nullopt;
  std::optional<InstalledPackage> package;
  try {
    package = load_version(layout, channel, *current);
  } catch (const Error& damaged) {
    // The previous kept version, if whole, is better than a blank screen.
    const std::vector<std::int64_t> versions = list_versions(layout, channel);
    for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
      if (*it >= *current) continue;
      try {
        return load_version(layout, channel, *it);
      } catch (const Error&) {
        break;
      }
    }
    throw;
  }
  repair_record(layout, channel);
  return package;
}

std::string active_version_damage(const Config& config, const std::string& channel) {
  const StoreLayout layout(config.data_dir);
  if (!path_exists(layout.root())) return {};
  const std::optional<std::int64_t> current = read_current(layout, channel);
  if (!current) return {};
  try {
    (void)load_version(layout, channel, *current);
  } catch (const Error& e) {
    return "version " + std::to_string(*current) + ": " + e.what();
  }
  return {};
}

std::string first_damaged_asset(const InstalledPackage& package) {
  for (const auto& [name, asset] : package.manifest.assets) {
    const std::filesystem::path file = package.blob_dir / asset.sha256;
    std::error_code ec;
    if (std::filesystem::file_size(file, ec) != asset.size || ec) return name;
    try {
      if (sha256_file_hex(file) != asset.sha256) return name;
    } catch (const Error&) {
      return name;
    }
  }
  return {};
}

}  // namespace gatecast::content
