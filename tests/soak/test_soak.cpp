// The soak (issue 14): seven simulated days of a screen under faults, with the real play loop,
// sync worker, USB watch and play log, and an injected clock on which a day plays in seconds.
// Every day: the sync source (nginx) disappears for two hours and comes back; a bad package
// (broken signature, unsigned, a blob that is not what its hash says) is published and later a
// good one; a stick with a bad package is put in and pulled out; on even days a stick brings a
// good new version; on days 2, 4 and 6 the disk (a tmpfs) is filled for two hours while a new
// version waits. The screen is off from 23:00 to 06:00.
//
// Checked: the last good package plays through every fault (never a bad version, never the
// idle screen while the screen is on); every fault really happened (each poll's outcome is the
// one its fault implies); the play log is complete and readable (no hole in the sequence, no
// break in the chain, no record lost to the full disk) and covers every scheduled minute; RSS
// and open file descriptors are flat within 5 % from day 2 to day 7.
#include <catch2/catch.hpp>
#include <cstdio>
#include <set>

#include "content/base/sha256.hpp"
#include "content/publish/minisign_channel.hpp"
#include "content/signing/minisign.hpp"
#include "soak/soak_log.hpp"
#include "soak/soak_screen.hpp"

// GCC says __SANITIZE_ADDRESS__, Clang __has_feature(address_sanitizer).
#if defined(__SANITIZE_ADDRESS__)
#define SOAK_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SOAK_UNDER_ASAN 1
#endif
#endif
#ifndef SOAK_UNDER_ASAN
#define SOAK_UNDER_ASAN 0
#endif

using namespace gatecast;
using namespace gatecast::test;
using namespace std::chrono_literals;

namespace {

const Instant soak_start = at_utc("2026-11-30T00:00:00Z");
constexpr int soak_days = 7;
constexpr auto screen_on_from = 6h, screen_on_to = 23h;

// A good version: three pictures, the third a colour of its own so that each version fetches
// a new blob.
LoopPackage good_package(std::int64_t version) {
  LoopPackage p;
  p.version = version;
  p.playlists = {
      {"day",
       {{"slides", {picture_slide("red", 20), picture_slide("green", 20), picture_slide("white", 20)}}}}};
  p.screen = {{"on", {"06:00", "23:00"}}};
  const auto shade = static_cast<std::uint8_t>(version * 7);
  p.blobs_override["white"] = solid_png(shade, static_cast<std::uint8_t>(255 - shade), 128);
  return p;
}

std::string read_file(const std::filesystem::path& file) {
  return read_whole(file);
}

// The three bad packages a server may hold: what the sync must refuse.
enum class Bad { broken_signature, unsigned_manifest, wrong_blob };

void publish_bad(SoakScreen& soak, std::int64_t version, Bad kind) {
  LoopPackage p = good_package(version);
  soak.screen.publish(p);
  const auto& tree = soak.screen.tree;
  switch (kind) {
    case Bad::broken_signature:  // one byte more than was signed
      fx::write_bytes(tree.manifest_file(loop_channel), read_file(tree.manifest_file(loop_channel)) + " ");
      break;
    case Bad::unsigned_manifest:
      std::filesystem::remove(tree.signature_file(loop_channel));
      break;
    case Bad::wrong_blob: {  // the new picture's bytes replaced by others of the same size
      const std::string& bytes = p.blobs_override.at("white");
      fx::write_bytes(tree.root() / "blobs" / content::sha256_hex(bytes), std::string(bytes.size(), 'x'));
      break;
    }
  }
}

// A stick carrying the server's current package, signed again by a key the screen does not trust.
std::filesystem::path untrusted_stick(const SoakScreen& soak, const TempDir& dir) {
  std::filesystem::copy(soak.screen.tree.root(), dir / "tree", std::filesystem::copy_options::recursive);
  const std::filesystem::path manifest = dir / "tree" / "channels" / loop_channel / "manifest.json";
  const content::KeyPair stranger = content::generate_key_pair();
  fx::write_bytes(manifest.parent_path() / "manifest.json.minisig",
                  content::sign_message(read_file(manifest), stranger.secret_key,
                                        content::manifest_trusted_comment(1764000000, loop_channel)));
  return dir / "tree";
}

bool screen_on_at(Instant t) {
  const auto into_day = t - std::chrono::floor<std::chrono::days>(t);
  return into_day >= screen_on_from && into_day < screen_on_to;
}

}  // namespace

TEST_CASE("seven simulated days of faults: the screen plays, the log is whole, nothing grows", "[soak]") {
  SoakScreen soak(soak_start);
  soak.screen.install(good_package(1));
  std::int64_t playing = 1;       // the last good version: what the screen must show
  std::int64_t next_version = 2;  // numbers only ever grow; a bad one is never reused
  std::set<std::int64_t> bad_versions;
  std::vector<ProcessUse> day_end_use;
  int usb_installs = 0;
  soak.start(std::chrono::days(soak_days));
  REQUIRE(soak.worker->progress().last_error.empty());

  for (int day = 0; day < soak_days; ++day) {
    const Instant midnight = soak_start + std::chrono::days(day);
    // Every fault has happened once by the end of day 2 (the baseline); then every other day.
    const bool disk_fault = day % 2 == 1;
    std::optional<std::int64_t> waiting;  // published, not yet installable
    for (int hour = 0; hour < 24; ++hour) {
      const Instant t = midnight + std::chrono::hours(hour);
      soak.clock.run_until(t);
      INFO("day " << day + 1 << ", " << hour << ":00");
      REQUIRE(soak.loop_failure.empty());
      // The package the last good install activated plays (the swap waits for a slide's end,
      // well within the hour since the last change).
      REQUIRE(soak.loop->package());
      CHECK(soak.loop->package()->version() == playing);
      if (screen_on_at(t) && hour > screen_on_from / 1h) {
        REQUIRE_FALSE(soak.loop->shown().empty());
        CHECK_FALSE(soak.loop->shown().back().channel.empty());  // not the idle screen
      }

      std::optional<Reason> expect_failure;
      if (hour == 9) soak.nginx.stop();
      if (hour == 11) soak.nginx.start();
      if (hour >= 9 && hour < 11) expect_failure = Reason::network;
      const Bad bad_kind = static_cast<Bad>(day % 3);
      if (hour == 13) {
        bad_versions.insert(next_version);
        publish_bad(soak, next_version++, bad_kind);
      }
      // An unsigned manifest (the server's 404 for its signature) is refused as a bad one is.
      if (hour >= 13 && hour < 16)
        expect_failure = bad_kind == Bad::wrong_blob ? Reason::hash : Reason::signature;
      if (hour == 16 || (hour == 19 && disk_fault)) {
        soak.screen.publish(good_package(next_version));
        waiting = next_version++;
      }
      if (hour == 19 && disk_fault) soak.disk.fill();
      if (hour >= 19 && hour < 21 && disk_fault) expect_failure = Reason::io;
      if (hour == 21 && disk_fault) soak.disk.free_space();

      const content::SyncProgress sync = soak.poll();
      if (expect_failure) {
        CHECK(sync.last_error_reason == *expect_failure);
        CHECK_FALSE(sync.last_error.empty());
      } else {
        CHECK(sync.last_error.empty());
        if (waiting) playing = *std::exchange(waiting, std::nullopt);
      }
      if (hour == 21 && disk_fault) soak.drain_play_log();

      if (hour == 14) {  // a stick with a package the screen must refuse
        soak.clock.run_until(t + 10min);
        TempDir stick("gatecast-soak-bad-stick");
        CHECK(soak.stick_in(untrusted_stick(soak, stick)) == 1);
        CHECK(soak.usb->activations() == usb_installs);  // refused
        soak.clock.run_until(t + 40min);
        soak.stick_out();
      }
      if (hour == 18 && day % 2 == 1) {  // a stick with a good new version
        soak.screen.publish(good_package(next_version));
        CHECK(soak.stick_in(soak.screen.tree.root()) == 1);
        playing = next_version++;
        CHECK(soak.usb->activations() == ++usb_installs);
        soak.clock.run_until(t + 30min);
        soak.stick_out();
      }
      if (hour == 23) {  // the screen is off, nothing is faulty
        soak.clock.run_until(t + 30min);
        day_end_use.push_back(process_use());
      }
    }
  }
  soak.finish();
  REQUIRE(soak.loop_failure.empty());
  CHECK(soak.screen.play_log->dropped_records() == 0);

  // The play log: complete, readable, chained, and covering every minute the screen was on.
  const ReadLog log = read_play_log(soak.screen.play_log->folder());
  REQUIRE_FALSE(log.records.empty());
  CHECK(log.records.front().sequence == 1);
  CHECK(log.sequence_holes == 0);
  CHECK(log.chain_breaks == 0);
  std::vector<content::PlayRecord> plays;
  for (const content::LoggedPlay& r : log.records) {
    if (r.play.kind != content::RecordKind::play) continue;
    CHECK(bad_versions.count(r.play.version) == 0);
    CHECK(r.play.end > r.play.start);
    plays.push_back(r.play);
  }
  Duration missed{0};
  for (const Gap& gap : uncovered(plays, soak_start, soak_start + std::chrono::days(soak_days))) {
    // A gap is allowed only where the schedule turns the screen off.
    for (Instant m = gap.from; m < gap.to; m += 1s) {
      if (screen_on_at(m)) missed += 1s;
    }
  }
  std::printf(
      "soak: %zu play-log records (%zu plays), %zu torn lines rewritten, %lld s of scheduled time "
      "uncovered\n",
      log.records.size(), plays.size(), log.torn_lines, static_cast<long long>(missed.count() / 1000));
  CHECK(missed == Duration{0});

  // Flat from the end of day 2 (every fault seen once) to the end of day 7.
  REQUIRE(day_end_use.size() == soak_days);
  for (int day = 0; day < soak_days; ++day)
    std::printf("soak: end of day %d: RSS %ld KiB, %ld open fds\n", day + 1, day_end_use[day].rss_kib,
                day_end_use[day].open_fds);
  const ProcessUse day2 = day_end_use[1], day7 = day_end_use[6];
  CHECK(std::abs(day7.open_fds - day2.open_fds) * 20 <= day2.open_fds);
#if SOAK_UNDER_ASAN
  // AddressSanitizer keeps freed memory in quarantine (up to 256 MiB) on purpose: its RSS says
  // how much the sanitizer holds back, not what the player keeps. The plain build asserts it.
  std::printf("soak: RSS not asserted under AddressSanitizer (quarantine)\n");
#else
  CHECK(std::abs(day7.rss_kib - day2.rss_kib) * 20 <= day2.rss_kib);
#endif
}
