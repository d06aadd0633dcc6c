#pragma once
// USB import in the player: watches the config's import_dirs for a newly mounted stick that
// carries a publish tree in a `gatecast/` folder (design.md), installs the screen's channels
// from it through the same installer as a network sync (signature, targets, rollback and every
// blob's hash checked before anything enters the store), and tells the technician on screen,
// in every language of the site, what was found, whether it verified and that it now plays.
//
// A stick is looked for at <import dir>/gatecast, <import dir>/*/gatecast and
// <import dir>/*/*/gatecast (udev mounts at /run/gatecast/usb/<dev>, desktops at
// /media/<user>/<label>). Each stick is imported once while it stays mounted; pulling it out and
// putting it back in imports again. Symlinked folders are not followed. After each import
// the play log is copied back to the stick, for the department's proof-of-play reports.
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "content/config/config.hpp"
#include "content/reports/playlog.hpp"
#include "content/signing/trusted_time.hpp"
#include "player/display/wakeup.hpp"
#include "player/loop/status_banner.hpp"
#include "scheduler/time.hpp"

namespace gatecast::player {

// Copies the play log's day files (data_dir/playlog/*.jsonl), each with a signature by the
// screen's key (<name>.jsonl.minisig), to
// <stick>/gatecast-reports/<screen id with / as _>/ (design.md), each written whole under a
// temporary name and renamed, so a stick pulled mid-copy holds whole files. Returns how many
// files were copied. Throws Error(runtime) when the stick cannot be written.
int copy_reports_to_stick(const content::Config& config, const std::filesystem::path& stick_root);

// The gatecast/ folders under `import_dirs` right now, sorted.
[[nodiscard]] std::vector<std::filesystem::path> find_stick_trees(
    const std::vector<std::filesystem::path>& import_dirs);

class UsbWatch {
 public:
  using NowFn = std::function<Instant()>;

  // `board` and `wakeup` must outlive this object. `now` gives the time for banners and for
  // the installer's expiry checks (the loop's clock).
  UsbWatch(content::Config config, BannerBoard& board, Wakeup& wakeup, NowFn now);

  // The clocks installs read trusted time from and raise the time floor with (the player
  // sets read_system_clocks); without, installs judge expiry by `now` alone.
  void use_clocks(std::function<content::ClockReading()> clocks) { clocks_ = std::move(clocks); }
  ~UsbWatch();  // stops the thread; an import in progress finishes first
  UsbWatch(const UsbWatch&) = delete;
  UsbWatch& operator=(const UsbWatch&) = delete;

  // Starts the watching thread, scanning every `period`. No-op without import_dirs.
  void start(Duration period);
  void stop();

  // One scan on the calling thread: imports from every stick not seen before, forgets sticks
  // that are gone. Returns how many sticks were imported from. Never throws: every problem
  // becomes a banner and a log line.
  int scan_once();

  // Install events of the imports go to `log` (may be null: none); set before start().
  void record_installs_in(content::PlayLog* log) { play_log_ = log; }

  // Imports so far that activated a new version (for tests and status).
  [[nodiscard]] int activations() const { return activations_.load(); }

 private:
  void import_from(const std::filesystem::path& tree);
  void install_from(const std::filesystem::path& tree);
  void show(const StatusBanner& banner);

  content::Config config_;
  BannerBoard& board_;
  Wakeup& wakeup_;
  NowFn now_;
  std::function<content::ClockReading()> clocks_;
  std::set<std::string> seen_;  // identities (path, device, inode) of sticks already imported
  std::atomic<int> activations_{0};
  content::PlayLog* play_log_ = nullptr;

  std::mutex mutex_;
  std::condition_variable stop_requested_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace gatecast::player
