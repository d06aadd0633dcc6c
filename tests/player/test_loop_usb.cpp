// USB import in the player: a stick's gatecast/ folder found under an import dir, installed
// through the real installer, reported on the banner; refused packages change nothing.
#include <catch2/catch.hpp>

#include "content/reports/screen_key.hpp"
#include "content/signing/minisign.hpp"
#include "player/loop/usb_watch.hpp"
#include "test_loop_fixture.hpp"

using namespace gatecast;
using namespace gatecast::test;
using namespace std::chrono_literals;

namespace {

const Instant eight = at_utc("2026-11-25T08:00:00Z");

LoopPackage simple(std::int64_t version) {
  LoopPackage p;
  p.version = version;
  p.playlists = {{"day", {{"slides", {picture_slide("red", 5), picture_slide("green", 5)}}}}};
  return p;
}

// Copies the screen's publish tree onto a "stick" mounted at `mount`.
// The stick's gatecast/ folder appears whole, as a mounted file system does: copied aside, then
// renamed into place, so that a watcher running meanwhile never sees half a tree.
void put_on_stick(const LoopScreen& screen, const std::filesystem::path& mount) {
  TempDir staging("gatecast-stick-staging");
  std::filesystem::copy(screen.tree.root(), staging / "gatecast", std::filesystem::copy_options::recursive);
  std::filesystem::create_directories(mount);
  std::filesystem::rename(staging / "gatecast", mount / "gatecast");
}

std::string banner_en(const player::BannerBoard& board, Instant t) {
  auto b = board.at(t);
  return b ? b->text.at("en") : "";
}

}  // namespace

TEST_CASE("usb watch finds gatecast folders at the mount, one and two levels down", "[loop][usb]") {
  TempDir dir("gatecast-usb");
  std::filesystem::create_directories(dir / "usb" / "sdb1" / "gatecast");
  std::filesystem::create_directories(dir / "media" / "tech" / "STICK" / "gatecast");
  std::filesystem::create_directories(dir / "direct" / "gatecast");
  std::filesystem::create_directories(dir / "usb" / "sdc1" / "other");
  std::filesystem::create_directories(dir / "deep" / "a" / "b" / "c" / "gatecast");  // too deep
  std::filesystem::create_directories(dir / "elsewhere" / "gatecast");
  std::filesystem::create_directory_symlink(dir / "elsewhere", dir / "usb" / "sdd1");  // not followed
  auto found =
      player::find_stick_trees({dir / "usb", dir / "media", dir / "direct", dir / "deep", dir / "missing"});
  std::vector<std::filesystem::path> expected{dir / "direct" / "gatecast",
                                              dir / "media" / "tech" / "STICK" / "gatecast",
                                              dir / "usb" / "sdb1" / "gatecast"};
  std::sort(expected.begin(), expected.end());
  CHECK(found == expected);
}

TEST_CASE("usb watch installs from a new stick, says so on screen, and imports it once", "[loop][usb]") {
  LoopScreen screen(eight);
  TempDir sticks("gatecast-sticks");
  screen.config.import_dirs = {sticks.path()};
  screen.install(simple(1));
  screen.turn_at(eight + 1s);
  REQUIRE(screen.loop().package()->version() == 1);

  screen.publish(simple(2));  // only on the stick, not in the store
  player::UsbWatch usb(screen.config, screen.banners, screen.wakeup, [&] { return screen.clock.now(); });
  CHECK(usb.scan_once() == 0);  // no stick yet
  CHECK(banner_en(screen.banners, eight + 1s).empty());

  put_on_stick(screen, sticks / "sdb1");
  CHECK(usb.scan_once() == 1);
  CHECK(usb.activations() == 1);
  CHECK(banner_en(screen.banners, eight + 1s).find("installed version 2") != std::string::npos);
  CHECK((screen.wakeup.pending()));

  // The loop draws the banner at once and takes the new package at the slide boundary.
  screen.turn_at(eight + 2s);
  CHECK(screen.loop().shown().back().banner);
  CHECK(screen.loop().package()->version() == 1);
  screen.turn_at(eight + 5s);
  CHECK(screen.loop().package()->version() == 2);

  // The same stick still mounted: not imported again. Pulled and plugged again: imported,
  // and this time nothing changes.
  CHECK(usb.scan_once() == 0);
  std::filesystem::remove_all(sticks / "sdb1");
  CHECK(usb.scan_once() == 0);
  put_on_stick(screen, sticks / "sdb1");
  CHECK(usb.scan_once() == 1);
  CHECK(usb.activations() == 1);
  CHECK(banner_en(screen.banners, eight + 6s).find("already installed") != std::string::npos);
}

TEST_CASE("usb watch refuses a stick signed by another key and the screen plays on", "[loop][usb]") {
  LoopScreen screen(eight);
  TempDir sticks("gatecast-sticks");
  screen.config.import_dirs = {sticks.path()};
  screen.install(simple(1));
  screen.turn_at(eight + 1s);
  auto store_before = listing(screen.data.path() / "store");

  LoopScreen stranger(eight);  // its own key, which this screen does not trust
  stranger.publish(simple(5));
  put_on_stick(stranger, sticks / "sdc1");
  player::UsbWatch usb(screen.config, screen.banners, screen.wakeup, [&] { return screen.clock.now(); });
  CHECK(usb.scan_once() == 1);
  CHECK(usb.activations() == 0);
  auto banner = screen.banners.at(eight + 1s);
  REQUIRE(banner);
  CHECK(banner->tone == player::BannerTone::problem);
  CHECK(banner->reason == Reason::key);  // why, for the wording in each language
  CHECK(banner->text.at("en").find("REFUSED") != std::string::npos);
  CHECK(banner->text.at("vi").find("TỪ CHỐI") != std::string::npos);
  CHECK(banner->text.at("zh").find("拒绝") != std::string::npos);
  CHECK(listing(screen.data.path() / "store") == store_before);

  screen.wakeup.notify(player::wake_package_activated);
  screen.turn_at(eight + 6s);
  CHECK(screen.loop().package()->version() == 1);
  CHECK(screen.loop().shown().back().banner);
  CHECK(screen.black_share() < 0.5);
}

TEST_CASE("usb watch says so when a stick has nothing for this screen", "[loop][usb]") {
  LoopScreen screen(eight);
  TempDir sticks("gatecast-sticks");
  screen.config.import_dirs = {sticks.path()};
  std::filesystem::create_directories(sticks / "sdb1" / "gatecast" / "channels" / "another-province");
  player::UsbWatch usb(screen.config, screen.banners, screen.wakeup, [&] { return screen.clock.now(); });
  CHECK(usb.scan_once() == 1);
  CHECK(banner_en(screen.banners, eight).find("no package for this screen") != std::string::npos);
}

TEST_CASE("usb watch thread imports a stick that appears while it runs", "[loop][usb]") {
  LoopScreen screen(eight);
  TempDir sticks("gatecast-sticks");
  screen.config.import_dirs = {sticks.path()};
  screen.publish(simple(3));
  player::UsbWatch usb(screen.config, screen.banners, screen.wakeup, [&] { return screen.clock.now(); });
  usb.start(20ms);
  put_on_stick(screen, sticks / "sdb1");
  // Up to 10 s. The watcher wakes the loop more than once (the "stick found" banner before the
  // install): each reason is taken, or wait_for would return at once from then on and the wait
  // end before the install does.
  for (int i = 0; i < 500 && usb.activations() == 0; ++i) {
    if (screen.wakeup.wait_for(20ms)) (void)screen.wakeup.take();
  }
  usb.stop();
  CHECK(usb.activations() == 1);
  screen.turn_at(eight);
  CHECK(screen.loop().package()->version() == 3);
}

TEST_CASE("usb watch copies the play log back to the stick, whole files only", "[loop][usb]") {
  LoopScreen screen(eight);
  TempDir sticks("gatecast-sticks");
  screen.config.import_dirs = {sticks.path()};
  content::PlayRecord record;
  record.screen = screen.config.screen;
  record.channel = loop_channel;
  record.version = 1;
  record.playlist = "day";
  record.start = eight;
  record.end = eight + 5s;
  screen.play_log->record(record);
  screen.play_log->flush();

  screen.publish(simple(1));
  put_on_stick(screen, sticks / "sdb1");
  player::UsbWatch usb(screen.config, screen.banners, screen.wakeup, [&] { return screen.clock.now(); });
  CHECK(usb.scan_once() == 1);
  std::filesystem::path reports = sticks / "sdb1" / "gatecast-reports" / "langson_huunghi_1";
  auto days = content::play_log_files(screen.play_log->folder());
  REQUIRE(days.size() == 1);
  CHECK(read_whole(reports / days.front().filename()) == read_whole(days.front()));
  // Each day file comes with the screen's signature over it; nothing else is written.
  const std::string signature = read_whole(reports / (days.front().filename().string() + ".minisig"));
  CHECK(content::verify_message(read_whole(days.front()), signature,
                                {content::load_or_make_screen_key(screen.config.data_dir).public_key},
                                "stick copy") ==
        "gatecast play log screen:langson/huunghi/1 file:" + days.front().filename().string());
  for (const auto& e : std::filesystem::directory_iterator(reports)) {
    const auto ext = e.path().extension();
    CHECK((ext == ".jsonl" || ext == ".minisig"));
  }

  // A stick that cannot be written (a read-only mount) does not disturb the import.
  std::filesystem::remove_all(sticks / "sdb1");
  CHECK(usb.scan_once() == 0);  // pulled out
  put_on_stick(screen, sticks / "sdb1");
  write_bytes(sticks / "sdb1" / "gatecast-reports", "a file where the folder should be");
  CHECK(usb.scan_once() == 1);
  CHECK(banner_en(screen.banners, eight).find("already installed") != std::string::npos);

  // A report folder that is a symlink on the stick is not written through (fuzz_usb_scan):
  // the stick must not choose where the screen writes.
  for (const std::string level : {"gatecast-reports", "gatecast-reports/langson_huunghi_1"}) {
    INFO(level);
    TempDir elsewhere("gatecast-usb-elsewhere");
    std::filesystem::remove_all(sticks / "sdb1");
    CHECK(usb.scan_once() == 0);
    put_on_stick(screen, sticks / "sdb1");
    std::filesystem::create_directories((sticks / "sdb1" / level).parent_path());
    std::filesystem::create_directory_symlink(elsewhere.path(), sticks / "sdb1" / level);
    CHECK(usb.scan_once() == 1);
    CHECK(std::filesystem::is_empty(elsewhere.path()));
  }
}
