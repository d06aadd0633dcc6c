// Urgent notices end to end, as the office and a gate would live them: `gatecast notice`
// publishes into a tree that a real nginx on loopback serves, a headless player (a preview
// picture every second) polling the alerts channel every alert_poll_seconds shows the notice
// within alert_poll_seconds + 2 s, in every language of the site, drops it as fast once it
// is withdrawn, and keeps it until its end while the server is unreachable. The idle polls'
// bytes, both ways, are taken from nginx's access log.
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "notice_office.hpp"
#include "support/files.hpp"
#include "support/nginx.hpp"
#include "support/run.hpp"
#include "support/spawn.hpp"
#include "support/temp_dir.hpp"

using gatecast::test::Nginx;
using gatecast::test::RunResult;
using gatecast::test::TempDir;
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int alert_poll_seconds = 3;

struct Rgb {
  int r, g, b;
};

bool near(Rgb a, Rgb b, int tolerance = 12) {
  return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance &&
         std::abs(a.b - b.b) <= tolerance;
}

// The pixel of the preview at (x, y); none while the picture is being replaced or unreadable.
std::optional<Rgb> pixel_of(const fs::path& png, int x, int y) {
  SDL_Surface* loaded = IMG_Load(png.string().c_str());
  if (!loaded) return std::nullopt;
  SDL_Surface* s = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
  SDL_FreeSurface(loaded);
  if (!s) return std::nullopt;
  const Uint32 p = static_cast<const Uint32*>(s->pixels)[y * s->pitch / 4 + x];
  SDL_FreeSurface(s);
  return Rgb{int((p >> 16) & 0xff), int((p >> 8) & 0xff), int(p & 0xff)};
}

constexpr Rgb province_green{gatecast::test::province_r, gatecast::test::province_g,
                             gatecast::test::province_b};
// The built-in notice layout (3000 x 1000) on a 480 x 270 frame: 480 x 160 from y = 55, the
// bars above and below in its dark red, the heading band (y 55 to 95) amber.
constexpr Rgb notice_red{0x7a, 0x0e, 0x0e};
constexpr Rgb notice_amber{0xf2, 0xb7, 0x05};

enum class Shows { province, notice, other };

Shows shows(const fs::path& previews) {
  const fs::path latest = previews / "latest.png";
  const auto bar = pixel_of(latest, 240, 10);
  const auto band = pixel_of(latest, 4, 70);
  if (!bar || !band) return Shows::other;
  if (near(*bar, province_green) && near(*band, province_green)) return Shows::province;
  if (near(*bar, notice_red) && near(*band, notice_amber)) return Shows::notice;
  return Shows::other;
}

// Seconds until the preview shows `what`, at most `limit`; none when it never did.
std::optional<double> seconds_until(const fs::path& previews, Shows what, std::chrono::seconds limit) {
  const auto start = Clock::now();
  while (Clock::now() - start < limit) {
    if (shows(previews) == what) return std::chrono::duration<double>(Clock::now() - start).count();
    std::this_thread::sleep_for(100ms);
  }
  return std::nullopt;
}

}  // namespace

using gatecast::test::gate_closed;
using gatecast::test::Office;

TEST_CASE("a notice is on screen within alert_poll_seconds + 2 s, leaves as fast, and outlives the server",
          "[alerts][nginx][notice]") {
  Office office;
  Nginx nginx(office.root);
  TempDir screen("gatecast-alerts-screen");
  const fs::path config = screen / "player.json";
  std::ofstream(config) << nlohmann::json{
      {"screen", "langson/huunghi/1"},
      {"data_dir", (screen / "data").string()},
      {"trusted_keys", {office.pubkey}},
      {"sources",
       {{{"url", nginx.url()}, {"channel", "langson"}},
        {{"url", nginx.url()}, {"channel", "alerts"}, {"alerts", true}}}},
      {"poll_seconds", 3600},
      {"alert_poll_seconds",
       alert_poll_seconds}}.dump();
  const fs::path previews = screen / "previews";
  const pid_t player =
      gatecast::test::spawn({GATECAST_BINARY, "play", "--config", config.string(), "--headless", "--size",
                             "480x270", "--previews", previews.string(), "--preview-every", "1"},
                            screen.path());
  struct Stop {
    pid_t pid;
    ~Stop() {
      ::kill(pid, SIGTERM);
      gatecast::test::wait_exit(pid, std::chrono::seconds(20));
    }
  } stop{player};
  INFO("player: " << gatecast::test::read_whole(screen / "err.txt"));
  REQUIRE(seconds_until(previews, Shows::province, 60s));

  const double bound = alert_poll_seconds + 2;
  SECTION("published, shown in every language, withdrawn, gone") {
    const RunResult sent = office.notice(gate_closed);
    INFO(sent.out << sent.err);
    REQUIRE(sent.exit_code == 0);
    const std::optional<double> shown = seconds_until(previews, Shows::notice, 30s);
    REQUIRE(shown);
    std::printf("notice on screen %.1f s after publication (alert_poll_seconds %d)\n", *shown,
                alert_poll_seconds);
    CHECK(*shown <= bound);

    // What shows is the notice, every language of the site in it.
    const RunResult status = gatecast::test::gatecast({"status", "--config", config.string(), "--json"});
    const nlohmann::json showing = nlohmann::json::parse(status.out)["showing"];
    CHECK(showing["channel"] == "alerts");
    CHECK(showing["playlist"] == "notice-gate-closed");
    const nlohmann::json manifest =
        nlohmann::json::parse(gatecast::test::read_whole(office.root / "channels/alerts/manifest.json"));
    const nlohmann::json body =
        manifest["playlists"]["notice-gate-closed"]["slides"][0]["content"]["body"]["text"];
    CHECK(body["vi"] == "Cửa khẩu Hữu Nghị tạm dừng thông quan đến 14:00.");
    CHECK(body["zh"] == "友谊关口岸暂停通关至14:00。");
    CHECK(body["en"] == "Huu Nghi border gate: clearance paused until 14:00.");

    // An idle stretch: each poll is one ranged GET of the signature's tail, answered 206; no
    // manifest, no key set. Bytes as nginx logs them, both ways: $bytes_sent (the response's
    // status line, headers and body) and $request_length (the request line and headers).
    // Waits for the polls themselves (three of them), not for a stretch of time: a loaded
    // machine may delay a poll, and then the test waits longer instead of failing.
    const std::size_t before = nginx.requests().size();
    std::vector<gatecast::test::NginxRequest> all = nginx.requests();
    const auto give_up = Clock::now() + std::chrono::seconds(40 * alert_poll_seconds);
    while (all.size() < before + 3 && Clock::now() < give_up) {
      std::this_thread::sleep_for(200ms);
      all = nginx.requests();
    }
    std::uint64_t received = 0, answered = 0;
    std::size_t polls = 0;
    for (std::size_t i = before; i < all.size(); ++i) {
      received += all[i].request_length;
      answered += all[i].bytes_sent;
      CHECK(all[i].uri == "/channels/alerts/manifest.json.minisig");
      CHECK(all[i].status == 206);
      ++polls;
    }
    REQUIRE(polls >= 3);
    const double per_poll = static_cast<double>(received + answered) / polls;
    const double per_day = per_poll * (86400.0 / 30.0);
    std::printf(
        "idle alerts poll: %.0f bytes (response %.0f + request %.0f; %zu requests for %zu polls); "
        "a day of 30 s polls: %.2f MB both ways, %.2f MB responses only\n",
        per_poll, static_cast<double>(answered) / polls, static_cast<double>(received) / polls,
        all.size() - before, polls, per_day / 1e6,
        static_cast<double>(answered) / polls * (86400.0 / 30.0) / 1e6);
    CHECK(per_poll < 450);

    const RunResult withdrawn = office.notice({"--withdraw", "gate-closed"});
    INFO(withdrawn.out << withdrawn.err);
    REQUIRE(withdrawn.exit_code == 0);
    const std::optional<double> gone = seconds_until(previews, Shows::province, 30s);
    REQUIRE(gone);
    std::printf("notice gone %.1f s after the withdrawal\n", *gone);
    CHECK(*gone <= bound);
  }

  SECTION("a screen that cannot reach the server keeps the notice until its end") {
    // Ends a few minutes from now in the site's zone (+07:00).
    const std::time_t now = std::time(nullptr) + 7 * 3600 + 180;
    std::tm local{};
    gmtime_r(&now, &local);
    char ends[32], ends_rfc[40], before_end[40];
    std::strftime(ends, sizeof ends, "%Y-%m-%d %H:%M", &local);
    std::strftime(ends_rfc, sizeof ends_rfc, "%Y-%m-%dT%H:%M:00+07:00", &local);
    std::vector<std::string> args = gate_closed;
    args.insert(args.end(), {"--ends", ends});
    REQUIRE(office.notice(args).exit_code == 0);
    REQUIRE(seconds_until(previews, Shows::notice, 30s));
    nginx.stop();
    // Three polls fail; every picture meanwhile shows the notice.
    const auto until = Clock::now() + std::chrono::seconds(3 * alert_poll_seconds);
    while (Clock::now() < until) {
      const Shows now_shown = shows(previews);
      CHECK(now_shown != Shows::province);
      std::this_thread::sleep_for(500ms);
    }
    CHECK(shows(previews) == Shows::notice);
    // And the installed notice ends at its end, not before: as status (and render) see it.
    auto showing_at = [&](const std::string& at) {
      const RunResult s =
          gatecast::test::gatecast({"status", "--config", config.string(), "--json", "--at", at});
      return nlohmann::json::parse(s.out)["showing"]["channel"];
    };
    std::tm one_before = local;
    one_before.tm_min -= 1;
    std::time_t minus = timegm(&one_before);
    gmtime_r(&minus, &one_before);
    std::strftime(before_end, sizeof before_end, "%Y-%m-%dT%H:%M:59+07:00", &one_before);
    CHECK(showing_at(before_end) == "alerts");
    CHECK(showing_at(ends_rfc) == "langson");
  }
}
