#pragma once
// Installing a channel's package from a Source into the screen's store (docs/store.md): fetch
// the manifest and its signature (bounded), verify them, fetch each missing blob into the
// staging area, check its size and SHA-256 before it enters the store, then activate the new
// version atomically. Nothing from the package names a path: blobs are named by hash.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "content/config/config.hpp"
#include "content/signing/trusted_time.hpp"
#include "content/sources/source.hpp"
#include "scheduler/time.hpp"

namespace gatecast::content {

struct InstallProgress {
  std::string asset;  // the asset name (from the manifest) whose blob is being fetched
  // Over the blobs this install fetches; done_bytes counts the bytes of blobs still on their
  // way too, reported every 1 % of total_bytes (or 250 ms, on a slower link) within a blob.
  std::uint64_t done_bytes = 0, total_bytes = 0;
  std::size_t done_blobs = 0, total_blobs = 0;
};
using ProgressFn = std::function<void(const InstallProgress&)>;

struct InstallResult {
  std::string channel;
  std::int64_t version = 0;
  bool changed = false;  // false: the same version (same bytes) was already active
  // The active version had lost blobs (store damage) and they were fetched again: the player
  // must reload, though the version did not change.
  bool repaired = false;
  std::size_t blobs_fetched = 0;
  std::uint64_t bytes_fetched = 0;
  std::int64_t key_set_version = 0;  // of the key set used (0: the config's trusted_keys)
  bool key_set_changed = false;      // a newer key set was accepted on the way
  std::optional<Instant> created;    // the verified manifest's signed `created`
  std::optional<TrustedTime> time;   // the time used, when the install read the floor
};

// The instants of activation, in order, at which a test can simulate a crash (a power cut)
// to check that every one of them leaves a complete package active and a redo succeeding.
enum class InstallStep {
  blobs_admitted,    // every blob is in the store; no version folder yet
  version_staged,    // the version folder is written under its temporary name
  version_renamed,   // the version folder has its final name; `current` is unchanged
  current_switched,  // `current` names the new version; the version record is not updated
  record_written,    // the version record says the new version; garbage not yet collected
  collected,         // garbage collected: the install is complete
};

// Called at each step; a test's hook may end the process there (`_exit`) to simulate a cut.
using InstallStepHook = std::function<void(InstallStep)>;

// Takes `channel` from `source`: fetch manifest+sig (bounded), verify_manifest (signature on
// raw bytes before parsing, channel, expiry, target = config.screen), rollback (version must
// be > the highest accepted; the SAME version with the SAME bytes as the accepted one is
// "unchanged", not an error), fetch each missing blob into the store's staging area
// (resumable), check size and SHA-256 BEFORE it enters the store, then activate atomically.
// A source that says "unchanged" (an HTTP poll whose signature is the accepted one) ends the
// install early when the active version is whole (existence and size of every blob); when it is
// not, the manifest is asked again unconditionally and the missing blobs are fetched
// (result.repaired). An unchanged active version past its `expires` is Error(rejected,
// expired): a stale package is not a success. The key set is brought up to date before a
// changed manifest is judged, and on an unchanged poll of a content channel; an idle poll of
// an alerts channel (config sources with "alerts": true) asks nothing more.
// Throws Error: runtime for transport/I/O, rejected for content. A rejected or failed install
// leaves the active package and the store unchanged (partial blobs of a verified manifest
// stay in staging so that a retry resumes). Takes the store's lock: a concurrent install in
// another thread or process waits. `progress` is called on this thread.
// Once the manifest is fetched, the key set is brought up to date (update_key_set); the manifest then
// needs the channel's threshold of distinct approver keys (verify_approved_manifest).
// `now` is the time to judge expiry by, already trusted by the caller; the time floor is
// neither read nor written.
InstallResult install_channel(Source& source, const std::string& channel, const Config& config, Instant now,
                              const ProgressFn& progress = {}, const InstallStepHook& step_hook = {});

// What the screen's installs use: the time is trusted_time(floor, clocks); once the install
// is done (accepted, or unchanged) the floor takes the manifest's `created` and the clock
// reading when it is believed (docs/signing.md, "Trusted time"). result.time says which time
// was used and whether the clock is wrong.
InstallResult install_channel(Source& source, const std::string& channel, const Config& config,
                              const ClockReading& clocks, const ProgressFn& progress = {},
                              const InstallStepHook& step_hook = {});

}  // namespace gatecast::content
