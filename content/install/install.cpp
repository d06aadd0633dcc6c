// The installer: the one path from a Source's untrusted bytes to an active package
// (docs/store.md). Order matters and is the point of this file:
//   fetch the manifest (an unchanged one ends here when the active version is whole and not
//   expired) -> bring the key set up to date (trust_update.cpp) -> fetch the further
//   approvals -> verify the manifest (nothing is written before it is trusted) -> rollback check under the
//   store's lock -> fetch and verify every missing blob in staging -> admit them together ->
//   write the version folder -> switch `current` -> write the version record -> GC.
// A cut at any instant leaves `current` naming a complete version; a redo resumes.
#include "content/install/install.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <system_error>
#include <vector>

#include "content/base/error.hpp"
#include "content/base/path_exists.hpp"
#include "content/base/publish_tree.hpp"
#include "content/base/rfc3339.hpp"
#include "content/base/sha256.hpp"
#include "content/install/trust_update.hpp"
#include "content/manifest/manifest_check.hpp"
#include "content/manifest/manifest_json.hpp"
#include "content/signing/minisign.hpp"
#include "content/store/blob_finisher.hpp"
#include "content/store/blobs.hpp"
#include "content/store/gc.hpp"
#include "content/store/installed.hpp"
#include "content/store/layout.hpp"
#include "content/store/record.hpp"
#include "content/store/trust_files.hpp"
#include "content/store/versions.hpp"

namespace gatecast::content {

namespace {

constexpr std::chrono::milliseconds kProgressEvery{250};

// One blob per distinct hash, with the first asset name that uses it (for messages).
struct WantedBlob {
  BlobRef ref;
  std::string asset;
};

std::vector<WantedBlob> wanted_blobs(const Manifest& manifest, const std::string& subject) {
  std::map<std::string, WantedBlob> by_hash;
  for (const auto& [name, asset] : manifest.assets) {
    // The parser checks this too; the store builds paths from it, so check again here.
    if (!is_sha256_hex(asset.sha256))
      fail_rejected(Reason::schema, subject, "asset " + name + ": sha256 is not 64 lowercase hex digits");
    auto [it, inserted] = by_hash.try_emplace(asset.sha256, WantedBlob{{asset.sha256, asset.size}, name});
    if (!inserted && it->second.ref.size != asset.size) {
      fail_rejected(
          Reason::hash, subject,
          "assets " + it->second.asset + " and " + name + " have the same sha256 but different sizes");
    }
  }
  std::vector<WantedBlob> blobs;
  for (auto& [hash, blob] : by_hash) blobs.push_back(std::move(blob));
  return blobs;
}

std::vector<BlobRef> refs_of(const std::vector<WantedBlob>& blobs) {
  std::vector<BlobRef> refs;
  for (const WantedBlob& b : blobs) refs.push_back(b.ref);
  return refs;
}

// Refuses a version that is not newer than what this screen accepted. Returns true when the
// package is the very one already accepted (same version, same manifest bytes).
bool check_rollback(const StoreLayout& layout, const std::string& channel, const VerifiedManifest& verified,
                    const std::string& manifest_sha256, const std::string& subject) {
  const std::optional<AcceptedRecord> record = read_record(layout, channel);
  const std::optional<std::int64_t> current = read_current(layout, channel);
  const std::int64_t version = verified.manifest.version;
  const std::int64_t highest = std::max(record ? record->version : 0, current ? *current : 0);
  if (version > highest) return false;
  if (version == highest) {
    if (record && record->version == version && record->manifest_sha256 == manifest_sha256) return true;
    // A cut may have left the record behind `current`: the active version's own bytes decide.
    if (current && *current == version && read_version(layout, channel, version).manifest == verified.raw) {
      return true;
    }
    fail_rejected(Reason::rollback, subject,
                  "version " + std::to_string(version) +
                      " was already accepted with different content (rollback refused)");
  }
  fail_rejected(Reason::rollback, subject,
                "version " + std::to_string(version) + " is older than version " + std::to_string(highest) +
                    ", the highest this screen accepted (rollback refused)");
}

struct FetchTotals {
  std::size_t blobs = 0;
  std::uint64_t bytes = 0;
};

bool staged_blob_matches(const std::filesystem::path& file, const BlobRef& blob) {
  try {
    return sha256_file_hex(file) == blob.sha256;
  } catch (const Error&) {
    return false;
  }
}

// Brings every blob not yet in the store into `staging`, verified. The source fetches (an
// HTTP source several at once, hashing as bytes arrive) while the finisher checks, fsyncs and
// renames the blobs already received: the link, the hash and the disk work side by side. A
// rejected blob empties the staging folder (nothing of a refused package stays); a transport
// failure keeps it so that the next attempt resumes where this one stopped.
FetchTotals fetch_missing_blobs(Source& source, const StoreLayout& layout,
                                const std::filesystem::path& staging, const std::vector<WantedBlob>& blobs,
                                const ProgressFn& progress) {
  std::vector<const WantedBlob*> missing;
  InstallProgress p;
  for (const WantedBlob& b : blobs) {
    if (blob_present(layout, b.ref)) continue;
    missing.push_back(&b);
    p.total_bytes += b.ref.size;
  }
  p.total_blobs = missing.size();
  FetchTotals totals;
  if (missing.empty()) return totals;
  create_store_folder(staging);
  std::vector<BlobRequest> requests;
  std::vector<const WantedBlob*> requested;
  for (const WantedBlob* b : missing) {
    const std::filesystem::path verified = staging / b->ref.sha256;
    std::error_code ec;
    // A blob verified by an earlier, cut attempt at this same manifest is not fetched again. It
    // is hashed again first (reading it costs far less than fetching it): a file damaged on disk
    // since, or put there by anything but the installer, would otherwise enter the store under a
    // hash it does not have (found by fuzz_store_files). One that does not match is fetched anew.
    if (std::filesystem::is_regular_file(std::filesystem::symlink_status(verified, ec)) &&
        std::filesystem::file_size(verified, ec) == b->ref.size) {
      if (staged_blob_matches(verified, b->ref)) {
        ++p.done_blobs;
        p.done_bytes += b->ref.size;
        continue;
      }
      std::filesystem::remove(verified, ec);
    }
    requests.push_back(
        BlobRequest{b->ref.sha256, b->ref.size, staging / (b->ref.sha256 + ".partial"), b->asset});
    requested.push_back(b);
  }
  if (progress) progress(p);
  // Bytes of each blob on its way, told between whole blobs: each time another 1 % of the
  // total has arrived, or 250 ms have passed on a slower link, so that an 8 GiB video moves
  // the banner while about a hundred reports per install cost the copy nothing.
  std::vector<std::uint64_t> arriving(requests.size(), 0);
  std::uint64_t arriving_bytes = 0, shown_bytes = p.done_bytes;
  auto shown_at = std::chrono::steady_clock::now();
  const std::uint64_t one_percent = std::max<std::uint64_t>(1, p.total_bytes / 100);
  const BlobMoved moved = [&](std::size_t i, std::uint64_t bytes) {
    arriving_bytes = arriving_bytes - arriving[i] + bytes;
    arriving[i] = bytes;
    const auto now = std::chrono::steady_clock::now();
    const std::uint64_t at = p.done_bytes + arriving_bytes;
    // A whole blob is said by `received` below, with its count.
    if (!progress || bytes >= requests[i].size || at <= shown_bytes ||
        (at - shown_bytes < one_percent && now - shown_at < kProgressEvery))
      return;
    shown_bytes = at;
    shown_at = now;
    InstallProgress moving = p;
    moving.asset = requests[i].asset;
    moving.done_bytes = at;
    progress(moving);
  };
  BlobFinisher finisher;
  try {
    source.fetch_blobs(
        requests,
        [&](std::size_t i, const std::string& received_sha256) {
          arriving_bytes -= arriving[i];
          arriving[i] = 0;
          const WantedBlob& b = *requested[i];
          finisher.add(requests[i].partial, b.ref,
                       source.describe() + "/" + blob_relpath(b.ref.sha256) + " (asset " + b.asset + ")",
                       received_sha256);
          ++totals.blobs;
          totals.bytes += b.ref.size;
          p.asset = b.asset;
          ++p.done_blobs;
          p.done_bytes += b.ref.size;
          shown_bytes = std::max(shown_bytes, p.done_bytes + arriving_bytes);
          InstallProgress whole = p;  // with the other blobs' bytes on their way: it never goes back
          whole.done_bytes = shown_bytes;
          if (progress) progress(whole);
        },
        moved);
    finisher.wait();
  } catch (const Error& e) {
    bool refused = e.kind() == Outcome::rejected;
    try {
      finisher.wait();  // nothing may still write into a folder about to be removed
    } catch (const Error& later) {
      refused = refused || later.kind() == Outcome::rejected;
    } catch (...) {
    }
    if (refused) remove_store_folder(staging);
    throw;
  }
  return totals;
}

// The signed expiry of an active version, from its stored manifest.
Instant active_expiry(const StoreLayout& layout, const std::string& channel, std::int64_t version) {
  const StoredVersion stored = read_version(layout, channel, version);
  return parse_manifest(stored.manifest, (layout.version_dir(channel, version) / "manifest.json").string())
      .expires;
}

// A source answering "unchanged" keeps an expired package alive, but not valid: the office
// must publish a newer one, and the attempt must not count as a success.
void refuse_stale_active(const StoreLayout& layout, const std::string& channel, std::int64_t version,
                         Instant now, const std::string& subject) {
  const Instant expires = active_expiry(layout, channel, version);
  if (expires > now) return;
  fail_rejected(Reason::expired, subject,
                "version " + std::to_string(version) + " expired at " + format_rfc3339(expires) +
                    " and the source still offers no newer one (stale: it plays on until one arrives)");
}

bool is_alerts_channel(const Config& config, const std::string& channel) {
  bool alerts = false, content = false;
  for (const SourceConfig& s : config.sources) {
    if (s.channel != channel) continue;
    (s.alerts ? alerts : content) = true;
  }
  return alerts && !content;
}

void step(const InstallStepHook& hook, InstallStep s) {
  if (hook) hook(s);
}

// Writes the version folder and switches `current` to it (unless it is already active), then
// moves the record up: in this order, so that the record never gets ahead of what is active
// and a cut anywhere leaves a whole version current. Returns whether `current` changed.
bool activate(const StoreLayout& layout, const std::string& channel, const VerifiedManifest& verified,
              const std::string& manifest_sha256, const std::vector<BlobRef>& blobs, bool already_active,
              Instant now, const InstallStepHook& step_hook) {
  const std::int64_t version = verified.manifest.version;
  if (!already_active) {
    StoredVersion stored;
    stored.version = version;
    stored.manifest = verified.raw;
    stored.signature = verified.signature;
    stored.blobs = blobs;
    stored.installed_at = now;
    write_version(layout, channel, stored, [&] { step(step_hook, InstallStep::version_staged); });
    step(step_hook, InstallStep::version_renamed);
    switch_current(layout, channel, version);
  }
  step(step_hook, InstallStep::current_switched);
  const std::optional<AcceptedRecord> record = read_record(layout, channel);
  if (!record || record->version != version || record->manifest_sha256 != manifest_sha256) {
    write_record(layout, channel, AcceptedRecord{version, manifest_sha256});
  }
  step(step_hook, InstallStep::record_written);
  return !already_active;
}

}  // namespace

InstallResult install_channel(Source& source, const std::string& channel, const Config& config,
                              const ClockReading& clocks, const ProgressFn& progress,
                              const InstallStepHook& step_hook) {
  const StoreLayout layout(config.data_dir);
  const TrustedTime time = trusted_time(read_time_floor(config.data_dir), clocks);
  InstallResult result = install_channel(source, channel, config, time.now, progress, step_hook);
  result.time = time;
  // The signed `created` of what was accepted moves the floor up; so does a believed clock.
  if (path_exists(layout.root())) {
    const StoreLock lock(layout);
    const TimeFloor before = read_time_floor(config.data_dir);
    TimeFloor after = with_clock_reading(before, clocks);
    if (result.created) after = with_signed_created(after, *result.created, clocks);
    if (after.signed_created.has_value() != before.signed_created.has_value() ||
        after.clock.has_value() != before.clock.has_value() ||
        (after.signed_created && after.signed_created->at != before.signed_created->at) ||
        (after.clock && after.clock->at != before.clock->at)) {
      write_time_floor(config.data_dir, after);
    }
  }
  return result;
}

InstallResult install_channel(Source& source, const std::string& channel, const Config& config, Instant now,
                              const ProgressFn& progress, const InstallStepHook& step_hook) {
  check_channel_name(channel, channel, Outcome::usage);
  const ManifestLimits manifest_limits;
  SourceLimits limits;
  limits.max_manifest_bytes = manifest_limits.max_manifest_bytes;
  limits.max_signature_bytes = manifest_limits.max_signature_bytes;

  const StoreLayout layout(config.data_dir);
  InstallResult result;
  result.channel = channel;

  std::optional<FetchedManifest> fetched = source.fetch_manifest(channel, limits);
  const std::string subject = source.describe() + "/" + manifest_relpath(channel);
  if (!fetched) {  // the source knows nothing changed since the last accepted fetch
    const std::optional<std::int64_t> current =
        path_exists(layout.root()) ? read_current(layout, channel) : std::nullopt;
    const std::int64_t active = current.value_or(0);  // 0: nothing installed
    const std::string damage = active_version_damage(config, channel);
    if (active > 0 && damage.empty()) {
      // Unchanged and whole. An alerts channel, asked every 30 s, stops here: one request. A
      // content poll also brings the key set up to date, so that a renewed key set arrives
      // before the held one expires even when no manifest changes.
      if (!is_alerts_channel(config, channel)) {
        const KeySetUpdate keys = update_key_set(source, config, layout, now);
        result.key_set_version = keys.held.set.version;
        result.key_set_changed = keys.changed;
      }
      result.version = active;
      refuse_stale_active(layout, channel, active, now, subject);
      return result;
    }
    // The store lost what was accepted (wiped, a new disk), or a blob of the active version
    // (a bad sector, a technician): the source's memory of it says "unchanged" for ever and
    // keeps a blank screen blank or an old version playing. Ask again, unconditionally; the
    // blobs the store lacks are fetched below like any others.
    source.forget_accepted(channel);
    fetched = source.fetch_manifest(channel, limits);
    if (!fetched)
      fail_runtime(
          Reason::network, subject,
          current
              ? "the source says nothing changed, but the active version is damaged: " + damage
              : std::string("the source says nothing changed, but nothing is installed for this channel"));
  }

  // The key set before the manifest is judged: it says who may approve, and how many must.
  const KeySetUpdate keys = update_key_set(source, config, layout, now);
  result.key_set_version = keys.held.set.version;
  result.key_set_changed = keys.changed;

  const std::optional<std::string> screen =
      config.screen.empty() ? std::nullopt : std::optional<std::string>(config.screen);
  const std::vector<SignatureFile> further =
      fetch_approvals(source, channel, keys.held.set, manifest_limits.max_signature_bytes);
  const ApprovalPolicy policy{keys.held.set.keys_with(KeyRole::approver),
                              keys.held.set.threshold_for(channel)};
  const VerifiedManifest verified =
      verify_approved_manifest(*fetched, further, channel, policy, now, screen, subject, manifest_limits);
  result.created = verified.manifest.created;
  const std::vector<WantedBlob> blobs = wanted_blobs(verified.manifest, subject);
  const std::string manifest_sha256 = sha256_hex(verified.raw);
  result.version = verified.manifest.version;

  // Trusted from here on: the store may be written.
  create_store_folders(layout);
  const StoreLock lock(layout);
  const bool already_accepted = check_rollback(layout, channel, verified, manifest_sha256, subject);
  const bool already_active = already_accepted && read_current(layout, channel) == verified.manifest.version;

  clean_staging(layout, manifest_sha256);
  const std::filesystem::path staging = layout.staging_for(manifest_sha256);
  const FetchTotals totals = fetch_missing_blobs(source, layout, staging, blobs, progress);
  result.blobs_fetched = totals.blobs;
  result.bytes_fetched = totals.bytes;
  if (path_exists(staging)) admit_staged_blobs(layout, staging, refs_of(blobs));
  step(step_hook, InstallStep::blobs_admitted);

  result.changed =
      activate(layout, channel, verified, manifest_sha256, refs_of(blobs), already_active, now, step_hook);
  // Blobs fetched for the version that was already active: it was damaged and is whole again.
  result.repaired = already_active && totals.blobs > 0;
  source.remember_accepted(channel);

  if (path_exists(staging)) remove_store_folder(staging);
  if (result.changed) (void)collect_garbage(layout);
  step(step_hook, InstallStep::collected);
  return result;
}

}  // namespace gatecast::content
