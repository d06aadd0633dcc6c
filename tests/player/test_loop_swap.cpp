// Package swaps and interrupts in the play loop: a new package waits for the slide boundary,
// an urgent notice does not, and a package that cannot load changes nothing on screen.
#include <catch2/catch.hpp>

#include <fstream>

#include "test_loop_fixture.hpp"

using namespace gatecast;
using namespace gatecast::test;
using namespace std::chrono_literals;

namespace {

const Instant eight = at_utc("2026-11-25T08:00:00Z");

LoopPackage coloured(std::int64_t version, const std::string& a, const std::string& b, const std::string& c) {
  LoopPackage p;
  p.version = version;
  p.playlists = {{"day", {{"slides", {picture_slide(a, 5), picture_slide(b, 7), picture_slide(c, 3)}}}}};
  return p;
}

}  // namespace

TEST_CASE("loop picks up a package activated mid-slide at the slide boundary", "[loop]") {
  LoopScreen screen(eight);
  screen.install(coloured(1, "red", "green", "blue"));
  screen.turn_at(eight + 1s);
  REQUIRE(screen.loop().shown().back().version == 1);

  screen.install(coloured(2, "yellow", "white", "blue"));
  screen.wakeup.notify(player::wake_package_activated);
  screen.turn_at(eight + 2s);
  // Still the old package: the red slide is not cut short.
  CHECK(screen.loop().package()->version() == 1);
  CHECK(near_colour(screen.centre(), "red"));
  Instant deadline = screen.loop().turn();
  CHECK(deadline <= eight + 5s);

  screen.turn_at(eight + 5s);
  CHECK(screen.loop().package()->version() == 2);
  CHECK(screen.loop().shown().back().version == 2);
  CHECK(screen.loop().shown().back().slide == std::optional<std::size_t>(1));
  CHECK(near_colour(screen.centre(), "white"));
}

TEST_CASE("loop swaps at once to a new package whose interrupt is live", "[loop]") {
  LoopScreen screen(eight);
  screen.install(coloured(1, "red", "green", "blue"));
  screen.turn_at(eight + 1s);

  LoopPackage urgent = coloured(2, "red", "green", "blue");
  urgent.playlists["notice"] = {{"slides", {picture_slide("yellow", 10)}}};
  urgent.schedule = {{"default", "day"},
                     {"entries",
                      {{{"playlist", "notice"},
                        {"interrupt", true},
                        {"starts", "2026-11-25 07:00"},
                        {"ends", "2026-11-25 09:00"}}}}};
  screen.install(urgent);
  screen.wakeup.notify(player::wake_package_activated);
  screen.turn_at(eight + 2s);
  CHECK(screen.loop().package()->version() == 2);
  CHECK(screen.loop().shown().back().playlist == "notice");
  CHECK(near_colour(screen.centre(), "yellow"));
}

TEST_CASE("loop starts an interrupt at once and resumes the displaced playlist at its next slide", "[loop]") {
  const Instant start = at_utc("2026-11-25T08:00:50Z");
  LoopScreen screen(start);
  LoopPackage p;
  // A 14 s cycle: at 08:01:00 (28860 s after midnight, 6 s into a cycle) slide 1 has run 2 s.
  p.playlists = {
      {"day", {{"slides", {picture_slide("red", 4), picture_slide("green", 7), picture_slide("blue", 3)}}}},
      {"notice", {{"slides", {picture_slide("yellow", 10)}}}}};
  p.schedule = {{"default", "day"},
                {"entries",
                 {{{"playlist", "notice"},
                   {"interrupt", true},
                   {"starts", "2026-11-25 08:01:00"},
                   {"ends", "2026-11-25 08:02:00"}}}}};
  screen.install(p);
  player::LoopOptions options;
  options.exit_after = 80s;
  screen.loop(options).run();

  auto shown_at = [&](Instant t) {
    const player::ShownFrame* last = nullptr;
    for (const auto& f : screen.loop().shown()) {
      if (f.at <= t) last = &f;
    }
    REQUIRE(last != nullptr);
    return *last;
  };
  player::ShownFrame before = shown_at(at_utc("2026-11-25T08:00:59.999Z"));
  CHECK(before.playlist == "day");
  CHECK(before.slide == std::optional<std::size_t>(1));
  player::ShownFrame during = shown_at(at_utc("2026-11-25T08:01:00Z"));
  CHECK(during.playlist == "notice");
  CHECK(during.at == at_utc("2026-11-25T08:01:00Z"));  // mid-slide, not at the slide's end
  player::ShownFrame after = shown_at(at_utc("2026-11-25T08:02:00Z"));
  CHECK(after.playlist == "day");
  CHECK(after.slide == std::optional<std::size_t>(2));  // the slide after the one that was cut
  CHECK(after.at == at_utc("2026-11-25T08:02:00Z"));
}

TEST_CASE("loop keeps the playing package when a new one cannot be loaded", "[loop]") {
  LoopScreen screen(eight);
  screen.install(coloured(1, "red", "green", "blue"));
  screen.turn_at(eight + 1s);
  REQUIRE(screen.loop().package()->version() == 1);

  // The store's pointer names a version that is not there (a torn update, a bad disk).
  std::filesystem::path current = screen.data.path() / "store" / "channels" / loop_channel / "current";
  REQUIRE(std::filesystem::exists(current));
  std::filesystem::permissions(current.parent_path(), std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::add);
  std::filesystem::remove(current);
  write_bytes(current, "99\n");
  screen.wakeup.notify(player::wake_package_activated);
  screen.turn_at(eight + 6s);
  CHECK(screen.loop().package() != nullptr);
  CHECK(screen.loop().package()->version() == 1);
  CHECK(near_colour(screen.centre(), "green"));
  screen.turn_at(eight + 13s);
  CHECK(near_colour(screen.centre(), "blue"));
}
