#include "player/loop/usb_watch.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

#include "content/base/atomic_write.hpp"
#include "content/base/error.hpp"
#include "content/config/source_settings.hpp"
#include "content/install/install.hpp"
#include "content/install/install_event.hpp"
#include "content/reports/playlog.hpp"
#include "content/reports/screen_key.hpp"
#include "content/sources/source.hpp"

namespace gatecast::player {

namespace {

// A real directory, not a symlink to one (a stick must not point the importer elsewhere).
bool is_plain_directory(const std::filesystem::path& p) {
  std::error_code error;
  return std::filesystem::symlink_status(p, error).type() == std::filesystem::file_type::directory;
}

void add_children(const std::filesystem::path& dir, std::vector<std::filesystem::path>& out) {
  std::error_code error;
  std::filesystem::directory_iterator it(dir, error), end;
  // A folder we may not read (another user's /media) or one vanishing mid-scan is just skipped.
  for (; !error && it != end; it.increment(error)) {
    if (is_plain_directory(it->path())) out.push_back(it->path());
  }
}

std::string identity(const std::filesystem::path& tree) {
  struct stat st {};
  if (::lstat(tree.c_str(), &st) != 0) return tree.string();
  return tree.string() + "#" + std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
}

bool has_channel(const std::filesystem::path& tree, const std::string& channel) {
  std::error_code error;
  auto status = std::filesystem::symlink_status(tree / "channels" / channel / "manifest.json", error);
  return status.type() == std::filesystem::file_type::regular;
}

// Makes a folder of the report tree on the stick, or checks the one there: a symlink (or
// anything but a folder) is refused, so that a stick cannot send the screen's writes to a
// folder of its choosing (found by fuzz_usb_scan).
void plain_folder_on_stick(const std::filesystem::path& dir) {
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
    fail_runtime(Reason::io, dir.string(),
                 std::string("cannot create the report folder on the stick: ") + std::strerror(errno));
  if (!is_plain_directory(dir))
    fail_rejected(Reason::schema, dir.string(),
                  "is not a plain folder (a symlink?): the play log is not copied");
}

void log_line(const std::string& text) {
  std::fprintf(stderr, "gatecast: usb: %s\n", text.c_str());
}

}  // namespace

int copy_reports_to_stick(const content::Config& config, const std::filesystem::path& stick_root) {
  std::filesystem::path folder = config.data_dir / "playlog";
  if (!is_plain_directory(folder)) return 0;
  std::string screen = config.screen;
  std::replace(screen.begin(), screen.end(), '/', '_');
  const std::filesystem::path target = stick_root / "gatecast-reports" / screen;
  plain_folder_on_stick(stick_root / "gatecast-reports");
  plain_folder_on_stick(target);
  int copied = 0;
  const auto files = content::play_log_files(folder);
  if (files.empty()) return 0;
  const content::KeyPair key = content::load_or_make_screen_key(config.data_dir);
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) fail_runtime(Reason::io, file.string(), "cannot read the play log");
    // Today's file may end in a line still being written: only whole lines are signed.
    bytes.resize(bytes.rfind('\n') == std::string::npos ? 0 : bytes.rfind('\n') + 1);
    const std::string name = file.filename().string();
    // A stick pulled between the two writes holds a log and a signature that disagree: the
    // report flags that file, and the next visit writes both again.
    content::write_file_atomically(target / (name + ".minisig"),
                                   content::sign_play_log_file(bytes, key.secret_key, config.screen, name));
    content::write_file_atomically(target / name, bytes);
    ++copied;
  }
  return copied;
}

std::vector<std::filesystem::path> find_stick_trees(const std::vector<std::filesystem::path>& import_dirs) {
  std::vector<std::filesystem::path> found;
  for (const auto& dir : import_dirs) {
    if (!is_plain_directory(dir)) continue;
    std::vector<std::filesystem::path> level1, level2;
    add_children(dir, level1);
    for (const auto& d : level1) add_children(d, level2);
    std::vector<std::filesystem::path> candidates{dir};
    candidates.insert(candidates.end(), level1.begin(), level1.end());
    candidates.insert(candidates.end(), level2.begin(), level2.end());
    for (const auto& c : candidates) {
      if (is_plain_directory(c / "gatecast")) found.push_back(c / "gatecast");
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

UsbWatch::UsbWatch(content::Config config, BannerBoard& board, Wakeup& wakeup, NowFn now)
    : config_(std::move(config)), board_(board), wakeup_(wakeup), now_(std::move(now)) {}

UsbWatch::~UsbWatch() {
  stop();
}

void UsbWatch::start(Duration period) {
  if (config_.import_dirs.empty() || thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, period] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      scan_once();
      lock.lock();
      stop_requested_.wait_for(lock, period, [this] { return stopping_; });
    }
  });
}

void UsbWatch::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_requested_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int UsbWatch::scan_once() {
  std::vector<std::filesystem::path> trees = find_stick_trees(config_.import_dirs);
  std::set<std::string> present;
  int imported = 0;
  for (const auto& tree : trees) {
    std::string id = identity(tree);
    present.insert(id);
    if (seen_.count(id)) continue;
    seen_.insert(id);
    import_from(tree);
    ++imported;
  }
  // A stick that was pulled out is forgotten, so that plugging it in again imports again.
  for (auto it = seen_.begin(); it != seen_.end();) {
    it = present.count(*it) ? std::next(it) : seen_.erase(it);
  }
  return imported;
}

void UsbWatch::show(const StatusBanner& banner) {
  if (board_.set(banner)) wakeup_.notify(wake_status_changed);
}

void UsbWatch::import_from(const std::filesystem::path& tree) {
  install_from(tree);
  // The technician takes the proof of play back on the same stick, whatever the import did.
  try {
    int copied = copy_reports_to_stick(config_, tree.parent_path());
    if (copied > 0)
      log_line(tree.parent_path().string() + ": play log copied (" + std::to_string(copied) + " day files)");
  } catch (const std::exception& e) {
    log_line(std::string("cannot copy the play log to the stick: ") + e.what());
  }
}

void UsbWatch::install_from(const std::filesystem::path& tree) {
  std::vector<std::string> channels;
  for (const std::string& channel : content::configured_channels(config_)) {
    if (has_channel(tree, channel)) channels.push_back(channel);
  }
  if (channels.empty()) {
    log_line(tree.string() + ": no channel of this screen on the stick");
    show(usb_messages::nothing_for_this_screen(now_()));
    return;
  }
  log_line(tree.string() + ": found, installing " + std::to_string(channels.size()) + " channel(s)");
  show(usb_messages::found());
  try {
    std::unique_ptr<content::Source> source = content::open_folder_source(tree);
    bool changed = false;
    std::int64_t version = 0;
    for (const std::string& channel : channels) {
      const content::ProgressFn progress = [this](const content::InstallProgress& p) {
        show(usb_messages::progress(p));
      };
      content::InstallResult result =
          clocks_ ? content::install_channel(*source, channel, config_, clocks_(), progress)
                  : content::install_channel(*source, channel, config_, now_(), progress);
      log_line(channel + ": version " + std::to_string(result.version) +
               (result.changed ? " installed" : " unchanged") + " (" + std::to_string(result.blobs_fetched) +
               " files copied)");
      changed = changed || result.changed;
      if (play_log_) content::record_install(*play_log_, config_, result, "usb", now_());
      version = std::max(version, result.version);
    }
    if (changed) {
      ++activations_;
      wakeup_.notify(wake_package_activated);
      show(usb_messages::installed(version, now_()));
    } else {
      show(usb_messages::unchanged(version, now_()));
    }
  } catch (const Error& e) {
    log_line(e.what());
    show(e.kind() == Outcome::rejected ? usb_messages::refused(e.reason(), e.problem(), now_())
                                       : usb_messages::failed(e.reason(), e.problem(), now_()));
  } catch (const std::exception& e) {
    log_line(e.what());
    show(usb_messages::failed(Reason::none, e.what(), now_()));
  }
}

}  // namespace gatecast::player
