// The office's fleet page, built from heartbeats as screens send them (with a screenshot made
// by the player's own encoder), then opened in a real browser (headless Chromium): the late
// screen is marked, the screenshot shows, and hostile heartbeats are escaped or ignored.
#include <catch2/catch.hpp>

#include <SDL.h>

#include <nlohmann/json.hpp>

#include "content/base/rfc3339.hpp"
#include "content/reports/fleet.hpp"
#include "content/reports/report_out.hpp"
#include "player/render/screenshot_jpeg.hpp"
#include "player/surface/sdl_ptr.hpp"
#include "support/files.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::content;

namespace {

std::string folder_of(std::string s) {
  std::replace(s.begin(), s.end(), '/', '_');
  return s;
}

// A heartbeat file as the server stores it: the screen's JSON, the file's time = received.
void heartbeat(const std::filesystem::path& root, const std::string& screen, Instant at, Instant received,
               std::string shot = {}, std::string error = {}, std::string clock_problem = {}) {
  Heartbeat h;
  h.screen = screen;
  h.at = at;
  h.channel = "langson";
  h.version = 12;
  h.channels = {{"langson", 12}, {"alerts", 3}};
  h.disk_free_bytes = 12'300'000'000;
  h.last_error = std::move(error);
  h.interval = std::chrono::minutes(15);
  h.screenshot_jpeg = std::move(shot);
  h.clock_problem = std::move(clock_problem);
  const auto file = root / folder_of(screen) / "heartbeat" / (format_rfc3339(at) + ".json");
  test::write_file(file, heartbeat_json(h));
  std::filesystem::last_write_time(file, std::chrono::file_clock::from_sys(received));
}

std::string picture_jpeg() {
  player::SurfacePtr frame(SDL_CreateRGBSurfaceWithFormat(0, 1920, 1080, 32, SDL_PIXELFORMAT_ARGB8888));
  REQUIRE(frame);
  SDL_FillRect(frame.get(), nullptr, SDL_MapRGB(frame->format, 10, 60, 150));
  SDL_Rect band{0, 700, 1920, 380};
  SDL_FillRect(frame.get(), &band, SDL_MapRGB(frame->format, 220, 30, 30));
  SDL_Rect sun{1400, 120, 300, 300};
  SDL_FillRect(frame.get(), &sun, SDL_MapRGB(frame->format, 250, 210, 40));
  return player::screenshot_jpeg(frame.get());
}

std::vector<std::string> chromium_flags(const std::filesystem::path& profile) {
  return {"chromium",
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--user-data-dir=" + profile.string()};
}

}  // namespace

TEST_CASE("fleet: the screenshot encoder fits a full HD frame in a heartbeat", "[fleet]") {
  const std::string jpeg = picture_jpeg();
  REQUIRE_FALSE(jpeg.empty());
  CHECK(jpeg.size() <= player::screenshot_max_bytes);
  CHECK(static_cast<unsigned char>(jpeg[0]) == 0xFF);
  CHECK(static_cast<unsigned char>(jpeg[1]) == 0xD8);
  // An impossible budget gives no picture rather than a too-big one.
  player::SurfacePtr frame(SDL_CreateRGBSurfaceWithFormat(0, 640, 360, 32, SDL_PIXELFORMAT_ARGB8888));
  CHECK(player::screenshot_jpeg(frame.get(), 480, 100).empty());
}

TEST_CASE("fleet: the page marks the late screen and shows screenshots, in headless Chromium",
          "[fleet][chromium]") {
  test::TempDir reports, out, profile;
  const Instant now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  using namespace std::chrono_literals;
  const std::string shot = picture_jpeg();
  heartbeat(reports.path(), "langson/huunghi/1", now - 5min, now - 5min, shot);
  heartbeat(reports.path(), "langson/huunghi/1", now - 20min, now - 20min);
  // Its clock agrees with the server's, but the screen found it behind its time floor.
  heartbeat(reports.path(), "langson/tanthanh/1", now - 50min, now - 50min, {},
            "sync: <script>alert(1)</script>", "clock wrong (behind: says 1970-01-01T00:00:12Z)");
  heartbeat(reports.path(), "langson/chima/1", now + 2h, now - 3min);  // its clock runs two hours ahead
  // Hostile neighbours: a heartbeat filed under the wrong screen, junk, a huge file.
  test::write_file(reports.path() / "langson_chima_1" / "heartbeat" / "junk.json", "{\"screen\":");
  heartbeat(reports.path(), "langson/other/9", now, now);
  for (const auto& f : std::filesystem::directory_iterator(reports.path() / "langson_other_9" / "heartbeat"))
    std::filesystem::rename(f.path(), reports.path() / "langson_chima_1" / "heartbeat" / "other.json");
  test::write_file(reports.path() / "langson_chima_1" / "heartbeat" / "big.json", std::string(1u << 20, ' '));

  const auto r =
      test::gatecast({"fleet", "--reports", reports.path().string(), "--out", out.path().string()});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("4 screens, 2 late"));  // tan thanh, and the empty other/9 folder

  const auto fleet = nlohmann::json::parse(test::read_whole(out.path() / "fleet.json"));
  std::map<std::string, nlohmann::json> by_screen;
  for (const auto& s : fleet["screens"]) by_screen[s["screen"]] = s;
  CHECK(by_screen["langson/huunghi/1"]["late"] == false);
  CHECK(by_screen["langson/huunghi/1"]["screenshot"] == "shots/langson_huunghi_1.jpg");
  CHECK(by_screen["langson/tanthanh/1"]["late"] == true);
  CHECK(by_screen["langson/chima/1"]["clock_trouble"] == true);
  CHECK(by_screen["langson/tanthanh/1"]["clock_trouble"] == true);  // the screen's own verdict
  CHECK(by_screen["langson/huunghi/1"]["clock_trouble"] == false);
  CHECK(by_screen["langson/chima/1"]["late"] == false);
  CHECK(by_screen["langson/huunghi/1"]["channels"]["alerts"] == 3);
  CHECK(test::read_whole(out.path() / "shots" / "langson_huunghi_1.jpg") == shot);
  const std::string html = test::read_whole(out.path() / "index.html");
  CHECK(html.find("<script>") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("&lt;script&gt;"));

  // What a browser makes of it: the DOM after parsing, and a phone-sized picture.
  auto dump = chromium_flags(profile.path());
  dump.push_back("--dump-dom");
  dump.push_back("file://" + (out.path() / "index.html").string());
  const auto dom = test::run(dump);
  INFO(dom.err);
  REQUIRE(dom.exit_code == 0);
  CHECK_THAT(dom.out, Catch::Contains("<section class=\"card late\" id=\"langson_tanthanh_1\">"));
  CHECK_THAT(dom.out, Catch::Contains("<section class=\"card\" id=\"langson_huunghi_1\">"));
  CHECK_THAT(dom.out, Catch::Contains("src=\"shots/langson_huunghi_1.jpg\""));
  CHECK(dom.out.find("<script>") == std::string::npos);

  const auto picture = out.path() / "phone.png";
  auto shoot = chromium_flags(profile.path());
  shoot.push_back("--screenshot=" + picture.string());
  shoot.push_back("--window-size=412,1600");
  shoot.push_back("file://" + (out.path() / "index.html").string());
  const auto shot_run = test::run(shoot);
  INFO(shot_run.err);
  REQUIRE(shot_run.exit_code == 0);
  REQUIRE(std::filesystem::file_size(picture) > 10000);
  if (const char* keep = std::getenv("GATECAST_KEEP_FLEET_PNG"))
    std::filesystem::copy_file(picture, keep, std::filesystem::copy_options::overwrite_existing);
}
