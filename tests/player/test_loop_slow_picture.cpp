// The play loop never waits on a picture decoder: a picture that is slow to decode leaves its
// region's background on screen while frames, watchdog pings and a stop request go on; it
// shows once decoded; past FrameRenderer::picture_wait_limit its slide is benched. The slow
// decoder is the real one behind a gate the test opens, so nothing here depends on timing.
#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "notify_socket.hpp"
#include "player/images/image_decode.hpp"
#include "player/render/frame_renderer.hpp"
#include "test_loop_fixture.hpp"

using namespace gatecast;
using namespace gatecast::test;
using namespace std::chrono_literals;

namespace {

const Instant eight = at_utc("2026-11-25T08:00:00Z");
constexpr std::uint32_t layout_background = 0x202020;

// Holds the decoding of one file until opened (or until the cache abandons it); every other
// file decodes at once.
struct Gate {
  std::filesystem::path slow_file;
  std::mutex mutex;
  std::condition_variable changed;
  bool open = false;
  bool waiting = false;    // the worker is inside the slow decode now
  bool abandoned = false;  // it left because the cache went away
  int slow_decodes = 0;

  player::ImageCache::Decoder decoder() {
    return
        [this](const player::ImageKey& key, player::SharedSurface reuse, const std::atomic<bool>& abandon) {
          if (key.file == slow_file) {
            std::unique_lock lock(mutex);
            ++slow_decodes;
            waiting = true;
            changed.notify_all();
            // A bounded wait: were the loop to decode on its own thread, it would block here and
            // the test would fail on what it sees, not hang.
            const auto give_up = std::chrono::steady_clock::now() + 60s;
            while (!open && !abandon && std::chrono::steady_clock::now() < give_up)
              changed.wait_for(lock, 5ms);
            waiting = false;
            abandoned = abandon.load();
            changed.notify_all();
            if (abandoned) return player::ImageResult{nullptr, "abandoned", false};
          }
          return player::decode_image_fitted(key.file, key.width, key.height, key.fit, {}, std::move(reuse));
        };
  }
  void wait_until_decoding() {
    std::unique_lock lock(mutex);
    REQUIRE(changed.wait_for(lock, 60s, [this] { return waiting; }));
  }
  void release() {
    std::lock_guard lock(mutex);
    open = true;
    changed.notify_all();
  }
  bool still_waiting() {
    std::lock_guard lock(mutex);
    return waiting;
  }
};

LoopPackage red_then_green() {
  LoopPackage p;
  p.playlists = {{"day", {{"slides", {picture_slide("red", 30), picture_slide("green", 30)}}}}};
  return p;
}

// Waits (generously) for the loop's wakeup, which the image worker sends when a picture the
// loop went without is done.
bool woken_within(player::Wakeup& wakeup, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!wakeup.pending()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(2ms);
  }
  return true;
}

// The screen of these tests: the player's live drawer, whose red picture decodes behind the
// gate; red's slide (30 s) is on at 08:00, green's follows.
struct SlowRed {
  SlowRed() {
    gate.slow_file = screen.store_blob_path_of(colour_png("red"));
    screen.use_live_drawer(gate.decoder());
    screen.install(red_then_green());
  }
  // Declared first: the screen's drawer (and its image worker) goes before the gate it uses.
  Gate gate;
  LoopScreen screen{eight};
};

}  // namespace

TEST_CASE("a picture still decoding shows its region's background, then itself, and the loop goes on",
          "[loop][slow-picture]") {
  SlowRed slow;
  LoopScreen& screen = slow.screen;
  Gate& gate = slow.gate;

  screen.turn_at(eight);
  gate.wait_until_decoding();
  CHECK(screen.centre() == layout_background);
  // Frames keep coming while the decoder is busy: each turn draws and returns.
  for (int s = 1; s <= 5; ++s) {
    screen.wakeup.notify(player::wake_redraw);
    screen.turn_at(eight + std::chrono::seconds(s));
    CHECK(screen.centre() == layout_background);
  }
  CHECK(gate.still_waiting());
  const std::size_t frames_while_decoding = screen.loop().shown().size();
  CHECK(frames_while_decoding >= 6);
  for (const auto& f : screen.loop().shown()) CHECK(f.slide == std::optional<std::size_t>(0));

  gate.release();
  REQUIRE(woken_within(screen.wakeup, 60s));
  screen.turn_at(eight + 6s);
  CHECK(near_colour(screen.centre(), "red"));
  CHECK_FALSE(screen.loop().package()->benched("day", 0));
  CHECK(gate.slow_decodes == 1);
}

TEST_CASE("a slide whose picture is not decoded within the limit is benched, once, and the rest plays",
          "[loop][slow-picture]") {
  SlowRed slow;
  LoopScreen& screen = slow.screen;
  Gate& gate = slow.gate;

  screen.turn_at(eight);
  gate.wait_until_decoding();
  screen.turn_at(eight + player::FrameRenderer::picture_wait_limit - 1s);
  CHECK(screen.centre() == layout_background);
  CHECK_FALSE(screen.loop().package()->benched("day", 0));
  screen.turn_at(eight + player::FrameRenderer::picture_wait_limit);
  CHECK(screen.loop().package()->benched("day", 0));
  // The playlist re-planned without it: the green slide is on. Its picture waits behind the
  // slow one on the one image worker (bounded by the decoder's budget), so it may show its
  // background first, never the benched slide.
  CHECK(screen.loop().shown().back().slide == std::optional<std::size_t>(1));
  gate.release();
  for (int i = 0; i < 10 && !near_colour(screen.centre(), "green"); ++i) {
    REQUIRE(woken_within(screen.wakeup, 60s));
    screen.turn_at(eight + player::FrameRenderer::picture_wait_limit + 1s);
  }
  CHECK(near_colour(screen.centre(), "green"));
  const auto plays = logged_plays(*screen.play_log);
  std::size_t benches = 0;
  for (const auto& play : plays) benches += play.play.kind == content::RecordKind::bench;
  CHECK(benches == 1);
}

TEST_CASE("the loop stops at --exit-after and pets the watchdog while a picture decodes",
          "[loop][slow-picture]") {
  SlowRed slow;
  LoopScreen& screen = slow.screen;
  Gate& gate = slow.gate;
  NotifySocket socket(screen.data.path() / "notify");
  screen.notifier = player::ServiceNotifier((screen.data.path() / "notify").string(), 4s);
  player::LoopOptions options;
  options.exit_after = 8s;  // within the wait limit: the slide is never benched
  screen.loop(options).run();
  // The gate was never opened, so the decode is still held: run() returned without it. On a
  // loaded machine the worker may reach the decoder only after run() ended; wait for that
  // rather than assume it was already there.
  gate.wait_until_decoding();
  CHECK(gate.slow_decodes == 1);
  const std::vector<std::string> messages = socket.messages();
  CHECK(std::count(messages.begin(), messages.end(), "WATCHDOG=1") >= 4);  // every 2 s of loop time
  CHECK(messages.back() == "STOPPING=1");
  // The drawer going away abandons the decode instead of waiting for it.
  screen.drawer.reset();
  CHECK(gate.abandoned);
}

TEST_CASE("a stop request (SIGTERM's wakeup) ends the loop while a picture decodes", "[loop][slow-picture]") {
  SlowRed slow;
  LoopScreen& screen = slow.screen;
  Gate& gate = slow.gate;
  std::thread stopper([&] {
    gate.wait_until_decoding();
    screen.wakeup.notify_from_signal(player::wake_quit);  // what the SIGTERM handler does
  });
  // A stepped clock with no end: only the stop request ends run(). Each step is 1 s at most.
  player::LoopOptions options;
  options.max_sleep = 1s;
  screen.loop(options).run();
  stopper.join();
  CHECK(gate.still_waiting());
  CHECK_FALSE(screen.loop().shown().empty());
  screen.drawer.reset();
  CHECK(gate.abandoned);
}
