// The manifest parser on a valid manifest, and every refusal of docs/manifest.md: each test
// breaks one thing and checks that the message names the file, the JSON path and the problem.
#include <catch2/catch.hpp>

#include "content/manifest/manifest_json.hpp"
#include "content/base/rfc3339.hpp"
#include "manifest_fixture.hpp"

using gatecast::Error;
using gatecast::Outcome;
using namespace gatecast::content;
using json = nlohmann::json;
using namespace gatecast::test;

TEST_CASE("manifest: the documented example parses into the model", "[manifest]") {
  const Manifest m = parse_manifest(valid_manifest_json().dump(), "site/manifest.json");
  CHECK(m.channel == "langson");
  CHECK(m.version == 12);
  CHECK(m.created == parse_rfc3339("2026-11-20T01:00:00Z", "t"));
  CHECK(m.targets == std::vector<std::string>{"langson/huunghi/*", "langson/tanthanh/1"});
  REQUIRE(m.assets.size() == 3);
  CHECK(m.assets.at("gate-photo").type == AssetType::jpeg);
  CHECK(m.assets.at("gate-photo").size == 482113);
  CHECK(m.assets.at("extra-font").type == AssetType::font_ttf);
  const Layout& hero = m.layouts.at("hero");
  CHECK(hero.width == 1920);
  CHECK(hero.background == Color{0x0b, 0x2a, 0x4a, 255});
  CHECK(hero.regions.at("title").rect == Rect{80, 780, 1760, 280});
  CHECK(hero.regions.at("title").background == Color{0, 0, 0, 0x80});
  CHECK_FALSE(hero.regions.at("picture").background.has_value());

  const Playlist& day = m.playlists.at("day");
  REQUIRE(day.slides.size() == 2);
  CHECK(day.slides[0].duration == std::chrono::milliseconds(12000));
  CHECK(day.slides[0].transition.kind == TransitionKind::crossfade);
  CHECK(day.slides[0].transition.duration == std::chrono::milliseconds(800));
  CHECK(day.slides[1].duration == std::chrono::milliseconds(500));
  CHECK(day.slides[1].transition.kind == TransitionKind::cut);
  const auto& image = std::get<ImageItem>(day.slides[0].content.at("picture"));
  CHECK(image.asset == "gate-photo");
  CHECK(image.fit == Fit::cover);
  const auto& text = std::get<TextItem>(day.slides[0].content.at("title"));
  CHECK(text.text.at("zh") == "友谊关国际口岸");
  CHECK(text.style.bold);
  CHECK(text.style.min_size == 32);
  CHECK(text.style.line_spacing == 1.2);
  REQUIRE(text.style.outline);
  CHECK(text.style.outline->width == 2);
  REQUIRE(text.style.shadow);
  CHECK(text.style.shadow->dy == 3);
  REQUIRE(day.overlays.size() == 3);
  const auto& ticker = std::get<TickerItem>(day.overlays[0].item);
  CHECK(ticker.speed_px_per_s == 140);
  CHECK(ticker.separator == " | ");
  const auto& clock = std::get<ClockItem>(day.overlays[1].item);
  CHECK(clock.show_date);
  CHECK_FALSE(clock.show_time);
  CHECK(std::get<TextItem>(m.playlists.at("night").slides[0].content.at("title")).presentation ==
        LanguagePresentation::cycling);
  CHECK(m.schedule.default_playlist == "day");
  REQUIRE(m.schedule.entries.size() == 1);
  CHECK(m.screen.dim_level == 0.6);
  CHECK(m.fonts.fallback == std::vector<std::string>{"extra-font"});
}

TEST_CASE("manifest: optional blocks may be left out", "[manifest]") {
  json doc = valid_manifest_json();
  doc.erase("screen");
  doc.erase("fonts");
  doc["playlists"]["day"].erase("overlays");
  const Manifest m = parse_manifest(doc.dump(), "m.json");
  CHECK_FALSE(m.screen.on_hours.has_value());
  CHECK(m.fonts.fallback.empty());
  CHECK(m.playlists.at("day").overlays.empty());
}

TEST_CASE("manifest: unknown keys are refused at every level", "[manifest]") {
  CHECK_THAT(refusal_of(with("/colour", "red")), Catch::Contains("colour: unknown key"));
  CHECK_THAT(refusal_of(with("/assets/logo/name", "x")), Catch::Contains("assets.logo.name: unknown key"));
  CHECK_THAT(refusal_of(with("/layouts/hero/regions/title/z", 1)),
             Catch::Contains("layouts.hero.regions.title.z: unknown key"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/durration", 5)),
             Catch::Contains("playlists.day.slides[0].durration: unknown key"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/content/title/style/colour", "#fff")),
             Catch::Contains("playlists.day.slides[0].content.title.style.colour: unknown key"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/content/picture/text", "x")),
             Catch::Contains("playlists.day.slides[0].content.picture.text: unknown key"));
  CHECK_THAT(refusal_of(with("/playlists/day/overlays/0/item/fit", "cover")),
             Catch::Contains("playlists.day.overlays[0].item.fit: unknown key"));
  CHECK_THAT(refusal_of(with("/fonts/order", json::array())), Catch::Contains("fonts.order: unknown key"));
  CHECK_THAT(refusal_of(with("/schedule/entries/0/prio", 1)), Catch::Contains("schedule.entries[0].prio"));
}

TEST_CASE("manifest: required keys are named when missing", "[manifest]") {
  for (const char* key : {"format", "channel", "version", "created", "expires", "targets", "assets",
                          "layouts", "playlists", "schedule"}) {
    INFO(key);
    CHECK_THAT(refusal_of(without(std::string("/") + key)),
               Catch::Contains(std::string(key) + ": is missing"));
  }
  CHECK_THAT(refusal_of(without("/assets/logo/sha256")), Catch::Contains("assets.logo.sha256: is missing"));
  CHECK_THAT(refusal_of(without("/layouts/hero/size")), Catch::Contains("layouts.hero.size: is missing"));
  CHECK_THAT(refusal_of(without("/playlists/day/slides/0/layout")),
             Catch::Contains("playlists.day.slides[0].layout: is missing"));
  CHECK_THAT(refusal_of(without("/playlists/day/slides/0/content/title/text")),
             Catch::Contains("playlists.day.slides[0].content.title.text: is missing"));
}

TEST_CASE("manifest: format, channel and version", "[manifest]") {
  CHECK_THAT(refusal_of(with("/format", "gatecast/2")),
             Catch::Contains("format: 'gatecast/2' is not supported"));
  CHECK_THAT(refusal_of(with("/format", 1)), Catch::Contains("format: expected a string"));
  CHECK_THAT(refusal_of(with("/channel", "../etc")),
             Catch::Contains("channel: '../etc' is not a valid channel"));
  CHECK_THAT(refusal_of(with("/channel", "LangSon")), Catch::Contains("channel: 'LangSon'"));
  CHECK_THAT(refusal_of(with("/channel", std::string(65, 'a'))), Catch::Contains("not a valid channel"));
  CHECK_THAT(refusal_of(with("/version", 0)), Catch::Contains("version: must be between 1 and"));
  CHECK_THAT(refusal_of(with("/version", -5)), Catch::Contains("version: must be between"));
  CHECK_THAT(refusal_of(with("/version", 1.5)), Catch::Contains("version: expected a whole number"));
  CHECK_THAT(refusal_of(with("/version", "12")), Catch::Contains("version: expected a whole number"));
  CHECK_THAT(refusal_of(with("/version", (std::int64_t{1} << 53) + 1)), Catch::Contains("version: must be"));
  CHECK_THAT(refusal_of(with("/version", 18446744073709551615ull)),
             Catch::Contains("version: must be at most"));
  CHECK(parse_manifest(with("/version", std::int64_t{1} << 53).dump(), "m").version == std::int64_t{1} << 53);
}

TEST_CASE("manifest: created and expires", "[manifest]") {
  CHECK_THAT(refusal_of(with("/created", "2026-11-20T08:00:00")),
             Catch::Contains("created: '2026-11-20T08:00:00' is not an RFC 3339 time (missing UTC offset"));
  CHECK_THAT(refusal_of(with("/expires", "2027-02-30T00:00:00Z")), Catch::Contains("expires: '2027-02-30"));
  CHECK_THAT(refusal_of(with("/expires", 90)), Catch::Contains("expires: expected a string"));
  CHECK_THAT(refusal_of(with("/expires", "2026-11-20T08:00:00+07:00")),
             Catch::Contains("expires: is not after 'created'"));
}

TEST_CASE("manifest: targets", "[manifest]") {
  CHECK_THAT(refusal_of(with("/targets", json::array())),
             Catch::Contains("targets: expected a non-empty array"));
  CHECK_THAT(refusal_of(with("/targets", "langson/*")),
             Catch::Contains("targets: expected a non-empty array"));
  CHECK_THAT(refusal_of(with("/targets/1", 5)), Catch::Contains("targets[1]: expected a string"));
  CHECK_THAT(refusal_of(with("/targets/1", "langson/huu*")),
             Catch::Contains("targets[1]: 'langson/huu*' is not a screen id or pattern"));
  CHECK_THAT(refusal_of(with("/targets/0", "langson//1")), Catch::Contains("targets[0]"));
  ManifestLimits limits;
  limits.max_targets = 1;
  CHECK_THAT(refusal_of(valid_manifest_json(), limits), Catch::Contains("targets: more than 1 entries"));
}

TEST_CASE("manifest: assets", "[manifest]") {
  CHECK_THAT(refusal_of(with("/assets/logo/sha256", std::string(63, 'a'))),
             Catch::Contains("assets.logo.sha256: expected 64 lowercase hex digits"));
  CHECK_THAT(refusal_of(with("/assets/logo/sha256", std::string(65, 'a'))),
             Catch::Contains("assets.logo.sha256: expected 64 lowercase hex"));
  CHECK_THAT(refusal_of(with("/assets/logo/sha256", std::string(64, 'A'))),
             Catch::Contains("assets.logo.sha256: expected 64 lowercase hex"));
  CHECK_THAT(refusal_of(with("/assets/logo/sha256", std::string(63, 'a') + "g")),
             Catch::Contains("assets.logo.sha256"));
  CHECK_THAT(refusal_of(with("/assets/logo/sha256", "../../etc/passwd")),
             Catch::Contains("assets.logo.sha256"));
  CHECK_THAT(refusal_of(with("/assets/logo/size", 0)),
             Catch::Contains("assets.logo.size: must be between 1"));
  CHECK_THAT(refusal_of(with("/assets/logo/size", -1)), Catch::Contains("assets.logo.size"));
  CHECK_THAT(refusal_of(with("/assets/logo/size", (256ll << 20) + 1)), Catch::Contains("assets.logo.size"));
  CHECK_THAT(refusal_of(with("/assets/logo/type", "image/gif")),
             Catch::Contains("assets.logo.type: 'image/gif' is not a known type"));
  CHECK_THAT(refusal_of(with("/assets/logo", "logo.png")),
             Catch::Contains("assets.logo: expected an object"));
  CHECK_THAT(refusal_of(with("/assets", json::array())), Catch::Contains("assets: expected an object"));
  CHECK_THAT(refusal_of(with("/assets/bad name", valid_manifest_json()["assets"]["logo"])),
             Catch::Contains("assets.bad name: 'bad name' is not a valid name"));

  ManifestLimits limits;
  limits.max_assets = 2;
  CHECK_THAT(refusal_of(valid_manifest_json(), limits), Catch::Contains("assets: more than 2 assets"));
  limits = {};
  limits.max_total_bytes = 500000;
  CHECK_THAT(refusal_of(valid_manifest_json(), limits),
             Catch::Contains("assets: more than 500000 bytes in all"));
}

TEST_CASE("manifest: layouts and regions", "[manifest]") {
  CHECK_THAT(refusal_of(with("/layouts/hero/size", json::array({1920}))),
             Catch::Contains("layouts.hero.size: expected [width, height]"));
  CHECK_THAT(refusal_of(with("/layouts/hero/size", json::array({0, 1080}))),
             Catch::Contains("layouts.hero.size"));
  CHECK_THAT(refusal_of(with("/layouts/hero/size", json::array({1920.5, 1080}))),
             Catch::Contains("layouts.hero.size"));
  CHECK_THAT(refusal_of(with("/layouts/hero/size", json::array({100000, 1080}))),
             Catch::Contains("layouts.hero.size"));
  CHECK_THAT(refusal_of(with("/layouts/hero/background", "#0b2a4")),
             Catch::Contains("layouts.hero.background: not a colour"));
  CHECK_THAT(refusal_of(with("/layouts/hero/background", "0b2a4a")),
             Catch::Contains("layouts.hero.background"));
  CHECK_THAT(refusal_of(with("/layouts/hero/background", "#0b2a4g")),
             Catch::Contains("layouts.hero.background"));
  CHECK_THAT(refusal_of(with("/layouts/hero/background", "blue")),
             Catch::Contains("layouts.hero.background"));
  CHECK_THAT(
      refusal_of(with("/layouts/hero/regions/title/rect", json::array({80, 780, 1760, 301}))),
      Catch::Contains("layouts.hero.regions.title.rect: reaches outside the layout's 1920x1080 canvas"));
  CHECK_THAT(refusal_of(with("/layouts/hero/regions/title/rect", json::array({-1, 780, 100, 100}))),
             Catch::Contains("layouts.hero.regions.title.rect[0]: expected a whole number from 0"));
  CHECK_THAT(refusal_of(with("/layouts/hero/regions/title/rect", json::array({0, 0, 0, 100}))),
             Catch::Contains("layouts.hero.regions.title.rect: width and height must be greater than 0"));
  CHECK_THAT(refusal_of(with("/layouts/hero/regions/title/rect", json::array({0, 0, 10}))),
             Catch::Contains("layouts.hero.regions.title.rect: expected [x, y, width, height]"));
  CHECK_THAT(
      refusal_of(with("/layouts/hero/regions/title/rect", json::array({2147483647, 0, 2147483647, 1}))),
      Catch::Contains("layouts.hero.regions.title.rect[0]"));
  CHECK_THAT(refusal_of(with("/layouts", json::object())), Catch::Contains("layouts: is empty"));
  CHECK_THAT(refusal_of(with("/layouts/hero/regions/ti tle", json::object())),
             Catch::Contains("layouts.hero.regions.ti tle: 'ti tle' is not a valid name"));
}

TEST_CASE("manifest: slides and transitions", "[manifest]") {
  CHECK_THAT(refusal_of(with("/playlists/day/slides", json::array())),
             Catch::Contains("playlists.day.slides: expected a non-empty array"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/duration", 0)),
             Catch::Contains("playlists.day.slides[0].duration: must be at least 0.001 seconds"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/duration", -3)),
             Catch::Contains("playlists.day.slides[0].duration: must be between"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/duration", "12s")),
             Catch::Contains("playlists.day.slides[0].duration: expected a number"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/duration", 1e300)),
             Catch::Contains("playlists.day.slides[0].duration: must be between"));
  CHECK_THAT(
      refusal_of(with("/playlists/day/slides/0/transition/type", "wipe")),
      Catch::Contains("playlists.day.slides[0].transition.type: expected one of cut, crossfade, slide"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/transition/duration", 13)),
             Catch::Contains("playlists.day.slides[0].transition.duration: is longer than the slide"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/content", json::array())),
             Catch::Contains("playlists.day.slides[0].content: expected an object"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/1", "hero")),
             Catch::Contains("playlists.day.slides[1]: expected an object"));

  ManifestLimits limits;
  limits.max_slides_per_playlist = 1;
  CHECK_THAT(refusal_of(valid_manifest_json(), limits),
             Catch::Contains("playlists.day.slides: more than 1 slides"));
}

TEST_CASE("manifest: items and styles", "[manifest]") {
  const std::string title = "/playlists/day/slides/0/content/title";
  const std::string at = "playlists.day.slides[0].content.title";
  CHECK_THAT(refusal_of(with(title + "/type", "video")),
             Catch::Contains(at + ".type: 'video' is not an item type"));
  CHECK_THAT(refusal_of(with(title + "/text", "Hữu Nghị")),
             Catch::Contains(at + ".text: expected an object"));
  CHECK_THAT(refusal_of(with(title + "/text", json::object())),
             Catch::Contains(at + ".text: expected an object"));
  CHECK_THAT(refusal_of(with(title + "/text/vietnamese", "x")),
             Catch::Contains(at + ".text.vietnamese: 'vietnamese' is not a language code"));
  CHECK_THAT(refusal_of(with(title + "/text/vi", "")), Catch::Contains(at + ".text.vi: is empty"));
  CHECK_THAT(refusal_of(with(title + "/text/vi", 5)), Catch::Contains(at + ".text.vi: expected a string"));
  CHECK_THAT(refusal_of(with(title + "/text/vi", "a\x1b[2Jb")),
             Catch::Contains(at + ".text.vi: contains control"));
  CHECK(parse_manifest(with(title + "/text/zh-Hant", "友誼關").dump(), "m").version == 12);
  CHECK(parse_manifest(with(title + "/text/vi", "hai\ndòng").dump(), "m").version == 12);
  CHECK_THAT(refusal_of(with(title + "/presentation", "rotating")),
             Catch::Contains(at + ".presentation: expected one of stacked, cycling"));
  CHECK_THAT(refusal_of(with(title + "/style/color", "#fff")),
             Catch::Contains(at + ".style.color: not a colour"));
  CHECK_THAT(refusal_of(with(title + "/style/color", 0xffffff)),
             Catch::Contains(at + ".style.color: expected a"));
  CHECK_THAT(refusal_of(with(title + "/style/align", "justify")),
             Catch::Contains(at + ".style.align: expected one"));
  CHECK_THAT(refusal_of(with(title + "/style/valign", "center")), Catch::Contains(at + ".style.valign"));
  CHECK_THAT(refusal_of(with(title + "/style/min_size", 200)),
             Catch::Contains(at + ".style.max_size: is smaller than min_size"));
  CHECK_THAT(refusal_of(with(title + "/style/max_size", 100000)), Catch::Contains(at + ".style.max_size"));
  CHECK_THAT(refusal_of(with(title + "/style/bold", "yes")),
             Catch::Contains(at + ".style.bold: expected true"));
  CHECK_THAT(refusal_of(with(title + "/style/line_spacing", 10)),
             Catch::Contains(at + ".style.line_spacing"));
  CHECK_THAT(refusal_of(with(title + "/style/outline/width", 0)),
             Catch::Contains(at + ".style.outline.width"));
  CHECK_THAT(refusal_of(with(title + "/style/shadow/blur", 3)),
             Catch::Contains(at + ".style.shadow.blur: unknown"));
  CHECK_THAT(refusal_of(with(title + "/style", "bold")), Catch::Contains(at + ".style: expected an object"));

  const std::string picture = "/playlists/day/slides/0/content/picture";
  CHECK_THAT(refusal_of(with(picture + "/fit", "stretch")),
             Catch::Contains("content.picture.fit: expected one of contain, cover"));
  CHECK_THAT(refusal_of(with(picture + "/asset", "../logo")),
             Catch::Contains("content.picture.asset: '../logo' is not a valid name"));

  CHECK_THAT(refusal_of(with("/playlists/day/overlays/1/item/date", false)),
             Catch::Contains("playlists.day.overlays[1].item: a clock must show the date, the time or both"));
  CHECK_THAT(refusal_of(with("/playlists/day/overlays/0/item/speed", 0)),
             Catch::Contains("playlists.day.overlays[0].item.speed: must be between 1"));
  CHECK_THAT(refusal_of(with("/playlists/day/overlays/0/item/separator", "\t")),
             Catch::Contains("playlists.day.overlays[0].item.separator: contains control"));
  CHECK_THAT(refusal_of(with("/playlists/day/overlays/0/rect", json::array({0, 0, 0, 0}))),
             Catch::Contains("playlists.day.overlays[0].rect"));
  CHECK_THAT(refusal_of(with("/playlists/day/overlays", json::object())),
             Catch::Contains("playlists.day.overlays: expected an array"));
}

TEST_CASE("manifest: null is not a default", "[manifest]") {
  CHECK_THAT(refusal_of(with("/screen", nullptr)), Catch::Contains("screen: is null"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/transition", nullptr)),
             Catch::Contains("playlists.day.slides[0].transition: is null"));
}
