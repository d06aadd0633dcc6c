// The play loop's parts on their own: clocks, the cross-thread wakeup, systemd's notify
// socket, the headless display's preview pictures, the status banner.
#include <catch2/catch.hpp>

#include <thread>

#include "content/base/json_reader.hpp"
#include "notify_socket.hpp"
#include "support/refusal.hpp"
#include "test_loop_fixture.hpp"

using namespace gatecast;
using namespace gatecast::test;
using namespace std::chrono_literals;

TEST_CASE("stepped clock jumps to each deadline unless woken; fixed clock stays", "[loop]") {
  const Instant t0 = at_utc("2026-11-25T08:00:00Z");
  player::SteppedClock stepped(t0);
  CHECK(stepped.real_wait(t0 + 10s) == Duration{0});
  stepped.after_wait(t0 + 10s, false);
  CHECK(stepped.now() == t0 + 10s);
  stepped.after_wait(t0 + 20s, true);  // a wakeup came first: time stays
  CHECK(stepped.now() == t0 + 10s);
  stepped.after_wait(t0, false);  // never backwards
  CHECK(stepped.now() == t0 + 10s);

  player::FixedClock fixed(t0);
  fixed.after_wait(t0 + 10s, false);
  CHECK(fixed.now() == t0);
  fixed.advance(1500ms);
  CHECK(fixed.now() == t0 + 1500ms);

  player::RealClock real;
  CHECK(real.real_wait(real.now() - 1s) == Duration{0});
  CHECK(real.real_wait(real.now() + 10s) > 9s);
  CHECK_FALSE(real.simulated());
}

TEST_CASE("wakeup from another thread ends a wait at once and keeps every reason", "[loop]") {
  player::Wakeup wakeup;
  CHECK_FALSE(wakeup.wait_for(0ms));
  auto started = std::chrono::steady_clock::now();
  std::thread other([&] {
    std::this_thread::sleep_for(50ms);
    wakeup.notify(player::wake_package_activated);
    wakeup.notify(player::wake_status_changed);
  });
  CHECK(wakeup.wait_for(10s));
  other.join();
  CHECK(std::chrono::steady_clock::now() - started < 5s);
  std::uint32_t reasons = wakeup.take();
  CHECK((reasons & player::wake_package_activated) != 0);
  CHECK(wakeup.take() == player::wake_none);

  wakeup.notify_from_signal(player::wake_quit);
  CHECK(wakeup.pending());
  CHECK(wakeup.take() == player::wake_quit);
}

TEST_CASE("loop tells systemd it is ready after the first frame and pets the watchdog", "[loop]") {
  const Instant t0 = at_utc("2026-11-25T08:00:00Z");
  LoopScreen screen(t0);
  NotifySocket socket(screen.data.path() / "notify");
  screen.notifier = player::ServiceNotifier((screen.data.path() / "notify").string(), 20s);
  CHECK(screen.notifier.watchdog_period() == std::optional<Duration>(10s));
  player::LoopOptions options;
  options.exit_after = 35s;
  screen.loop(options).run();
  std::vector<std::string> messages = socket.messages();
  REQUIRE(!messages.empty());
  CHECK(messages.front() != "WATCHDOG=1");
  std::size_t ready = std::count(messages.begin(), messages.end(), "READY=1");
  std::size_t pings = std::count(messages.begin(), messages.end(), "WATCHDOG=1");
  CHECK(ready == 1);
  CHECK(pings >= 4);  // at 0, 10, 20, 30 s of loop time
  CHECK(messages.back() == "STOPPING=1");

  player::ServiceNotifier none("", std::nullopt);
  CHECK_FALSE(none.enabled());
  CHECK_FALSE(none.watchdog_period());
  none.ready();  // no socket: nothing happens, nothing throws
}

TEST_CASE("headless display writes preview pictures on loop time and keeps a bounded number", "[loop]") {
  TempDir dir("gatecast-previews");
  player::DisplayOptions options;
  options.mode = player::DisplayMode::headless;
  options.width = 64;
  options.height = 32;
  options.preview_dir = dir / "out";
  options.preview_every = 2s;
  options.keep_previews = 3;
  auto display = player::open_display(options);
  const Instant t0 = at_utc("2026-11-25T08:00:00Z");
  CHECK(display->write_due_preview(t0) == std::optional<Instant>(t0));  // nothing presented yet
  CHECK_FALSE(std::filesystem::exists(dir / "out" / "latest.png"));
  display->present(t0);
  CHECK(display->write_due_preview(t0) == std::optional<Instant>(t0 + 2s));
  CHECK(std::filesystem::exists(dir / "out" / "latest.png"));
  CHECK(display->write_due_preview(t0 + 1s) == std::optional<Instant>(t0 + 2s));
  for (int i = 1; i <= 5; ++i) (void)display->write_due_preview(t0 + std::chrono::seconds(2 * i));
  std::size_t numbered = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir / "out")) {
    numbered += e.path().filename().string().rfind("frame-", 0) == 0;
    CHECK(e.path().extension() == ".png");  // no temporary left behind
  }
  CHECK(numbered == 3);
  player::SurfacePtr back(IMG_Load((dir / "out" / "latest.png").c_str()));
  REQUIRE(back);
  CHECK(back->w == 64);
  CHECK(back->h == 32);
  CHECK(display->describe().find((dir / "out").string()) != std::string::npos);
}

TEST_CASE("display refuses a viewport that is empty, negative or huge", "[loop]") {
  TempDir dir("gatecast-previews");
  player::DisplayOptions options;
  options.mode = player::DisplayMode::headless;
  options.preview_dir = dir.path();
  for (content::Rect bad : {content::Rect{0, 0, 0, 100}, content::Rect{-5, 0, 100, 100},
                            content::Rect{0, 0, 100000, 100}, content::Rect{0, 0, 100, -1}}) {
    options.viewport = bad;
    CHECK_THROWS_MATCHES(player::open_display(options), Error, test::UsageError().about("output.viewport"));
  }
  options.viewport = content::Rect{100, 50, 96, 32};
  auto display = player::open_display(options);
  CHECK(display->canvas()->w == 96);  // the canvas is the viewport
  CHECK(display->canvas()->h == 32);
}

TEST_CASE("banner lines follow the site's languages and fall back to English", "[loop]") {
  const Instant t0 = at_utc("2026-11-25T08:00:00Z");
  player::StatusBanner done = player::usb_messages::installed(12, t0);
  auto lines = player::banner_lines(done, {"vi", "zh", "en"});
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].find("phiên bản 12") != std::string::npos);
  CHECK(lines[1].find("版本 12") != std::string::npos);
  CHECK(lines[2].find("version 12") != std::string::npos);
  // Lao, Khmer, Japanese and Korean have their own wording.
  auto kontum = player::banner_lines(done, {"vi", "lo", "km", "en"});
  REQUIRE(kontum.size() == 4);
  CHECK(kontum[1].find("ເວີຊັນ 12") != std::string::npos);
  CHECK(kontum[2].find("កំណែ 12") != std::string::npos);
  CHECK(player::banner_lines(done, {"ja", "ko"}).size() == 2);
  // A language without wording shows English, once, not twice; and says it is English.
  CHECK(player::banner_lines(done, {"vi", "fr", "de", "en"}).size() == 2);
  auto paragraphs = player::banner_paragraphs(done, {"km", "fr"});
  REQUIRE(paragraphs.size() == 2);
  CHECK(paragraphs[0].language == "km");
  CHECK(paragraphs[1].language == "en");

  // With a typed reason each language says why in its own words; without, the technical text.
  auto expired =
      player::usb_messages::refused(Reason::expired, "manifest expired at 2026-01-01T00:00:00Z", t0);
  CHECK(expired.text.at("km").find("ផុតកំណត់") != std::string::npos);
  CHECK(expired.text.at("ja").find("有効期限") != std::string::npos);
  CHECK(expired.text.at("vi").find("hết hạn") != std::string::npos);
  CHECK(expired.text.at("en").find("the package has expired") != std::string::npos);
  auto untyped = player::usb_messages::refused(Reason::none, "manifest expired at 2026-01-01T00:00:00Z", t0);
  CHECK(untyped.text.at("lo").find("manifest expired at") != std::string::npos);

  player::BannerBoard board;
  CHECK(board.set(done));
  CHECK_FALSE(board.set(done));  // the same banner again is no change
  CHECK(board.at(t0 + 10s).has_value());
  CHECK_FALSE(board.at(t0 + 1h).has_value());  // a result goes away by itself

  // A very long technical reason is cut at a character boundary, never mid-UTF-8.
  auto refused = player::usb_messages::refused(Reason::hash, std::string(88, 'b') + "ữữữữ", t0);
  for (const auto& [lang, text] : refused.text) CHECK(content::is_valid_utf8(text));
  CHECK(refused.reason == Reason::hash);
  CHECK(player::usb_messages::failed(Reason::io, "x", t0).reason == Reason::io);
  CHECK(player::usb_messages::installed(4, t0).reason == Reason::none);
}
