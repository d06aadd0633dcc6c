// The manifest parser on a valid manifest, and every refusal of docs/manifest.md: each test
// breaks one thing and checks that the message names the file, the JSON path and the problem.
#include <catch2/catch.hpp>

#include "content/base/rfc3339.hpp"
#include "content/manifest/manifest_json.hpp"
#include "manifest_fixture.hpp"

using gatecast::Error;
using gatecast::Outcome;
using gatecast::Reason;
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
  CHECK_THAT(refusal_of(with("/colour", "red")), Refused(Reason::schema).at("colour"));
  CHECK_THAT(refusal_of(with("/assets/logo/name", "x")), Refused(Reason::schema).at("assets.logo.name"));
  CHECK_THAT(refusal_of(with("/layouts/hero/regions/title/z", 1)),
             Refused(Reason::schema).at("layouts.hero.regions.title.z"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/durration", 5)),
             Refused(Reason::schema).at("playlists.day.slides[0].durration"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/content/title/style/colour", "#fff")),
             Refused(Reason::schema).at("playlists.day.slides[0].content.title.style.colour"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/content/picture/text", "x")),
             Refused(Reason::schema).at("playlists.day.slides[0].content.picture.text"));
  CHECK_THAT(refusal_of(with("/playlists/day/overlays/0/item/fit", "cover")),
             Refused(Reason::schema).at("playlists.day.overlays[0].item.fit"));
  CHECK_THAT(refusal_of(with("/fonts/order", json::array())), Refused(Reason::schema).at("fonts.order"));
  CHECK_THAT(refusal_of(with("/schedule/entries/0/prio", 1)),
             Refused(Reason::schema).at("schedule.entries[0].prio"));
}

TEST_CASE("manifest: required keys are named when missing", "[manifest]") {
  for (const char* key : {"format", "channel", "version", "created", "expires", "targets", "assets",
                          "layouts", "playlists", "schedule"}) {
    INFO(key);
    CHECK_THAT(refusal_of(without(std::string("/") + key)), Refused(Reason::schema).at(key));
  }
  CHECK_THAT(refusal_of(without("/assets/logo/sha256")), Refused(Reason::schema).at("assets.logo.sha256"));
  CHECK_THAT(refusal_of(without("/layouts/hero/size")), Refused(Reason::schema).at("layouts.hero.size"));
  CHECK_THAT(refusal_of(without("/playlists/day/slides/0/layout")),
             Refused(Reason::schema).at("playlists.day.slides[0].layout"));
  CHECK_THAT(refusal_of(without("/playlists/day/slides/0/content/title/text")),
             Refused(Reason::schema).at("playlists.day.slides[0].content.title.text"));
}

TEST_CASE("manifest: format, channel and version", "[manifest]") {
  CHECK_THAT(refusal_of(with("/format", "gatecast/2")), Refused(Reason::schema).at("format"));
  CHECK_THAT(refusal_of(with("/format", 1)), Refused(Reason::schema).at("format"));
  CHECK_THAT(refusal_of(with("/channel", "../etc")), Refused(Reason::schema).at("channel"));
  CHECK_THAT(refusal_of(with("/channel", "LangSon")), Refused(Reason::schema).at("channel"));
  CHECK_THAT(refusal_of(with("/channel", std::string(65, 'a'))), Refused(Reason::schema).at("channel"));
  CHECK_THAT(refusal_of(with("/version", 0)), Refused(Reason::schema).at("version"));
  CHECK_THAT(refusal_of(with("/version", -5)), Refused(Reason::schema).at("version"));
  CHECK_THAT(refusal_of(with("/version", 1.5)), Refused(Reason::schema).at("version"));
  CHECK_THAT(refusal_of(with("/version", "12")), Refused(Reason::schema).at("version"));
  CHECK_THAT(refusal_of(with("/version", (std::int64_t{1} << 53) + 1)),
             Refused(Reason::schema).at("version"));
  CHECK_THAT(refusal_of(with("/version", 18446744073709551615ull)), Refused(Reason::schema).at("version"));
  CHECK(parse_manifest(with("/version", std::int64_t{1} << 53).dump(), "m").version == std::int64_t{1} << 53);
}

TEST_CASE("manifest: created and expires", "[manifest]") {
  CHECK_THAT(refusal_of(with("/created", "2026-11-20T08:00:00")), Refused(Reason::schema).at("created"));
  CHECK_THAT(refusal_of(with("/expires", "2027-02-30T00:00:00Z")), Refused(Reason::schema).at("expires"));
  CHECK_THAT(refusal_of(with("/expires", 90)), Refused(Reason::schema).at("expires"));
  CHECK_THAT(refusal_of(with("/expires", "2026-11-20T08:00:00+07:00")),
             Refused(Reason::schema).at("expires"));
}

TEST_CASE("manifest: targets", "[manifest]") {
  CHECK_THAT(refusal_of(with("/targets", json::array())), Refused(Reason::schema).at("targets"));
  CHECK_THAT(refusal_of(with("/targets", "langson/*")), Refused(Reason::schema).at("targets"));
  CHECK_THAT(refusal_of(with("/targets/1", 5)), Refused(Reason::schema).at("targets[1]"));
  CHECK_THAT(refusal_of(with("/targets/1", "langson/huu*")), Refused(Reason::schema).at("targets[1]"));
  CHECK_THAT(refusal_of(with("/targets/0", "langson//1")), Refused(Reason::schema).at("targets[0]"));
  ManifestLimits limits;
  limits.max_targets = 1;
  CHECK_THAT(refusal_of(valid_manifest_json(), limits), Refused(Reason::limit).at("targets"));
}

TEST_CASE("manifest: assets", "[manifest]") {
  CHECK_THAT(refusal_of(with("/assets/logo/sha256", std::string(63, 'a'))),
             Refused(Reason::schema).at("assets.logo.sha256"));
  CHECK_THAT(refusal_of(with("/assets/logo/sha256", std::string(65, 'a'))),
             Refused(Reason::schema).at("assets.logo.sha256"));
  CHECK_THAT(refusal_of(with("/assets/logo/sha256", std::string(64, 'A'))),
             Refused(Reason::schema).at("assets.logo.sha256"));
  CHECK_THAT(refusal_of(with("/assets/logo/sha256", std::string(63, 'a') + "g")),
             Refused(Reason::schema).at("assets.logo.sha256"));
  CHECK_THAT(refusal_of(with("/assets/logo/sha256", "../../etc/passwd")),
             Refused(Reason::schema).at("assets.logo.sha256"));
  CHECK_THAT(refusal_of(with("/assets/logo/size", 0)), Refused(Reason::schema).at("assets.logo.size"));
  CHECK_THAT(refusal_of(with("/assets/logo/size", -1)), Refused(Reason::schema).at("assets.logo.size"));
  CHECK_THAT(refusal_of(with("/assets/logo/size", (256ll << 20) + 1)),
             Refused(Reason::limit).at("assets.logo.size"));
  CHECK_THAT(refusal_of(with("/assets/logo/type", "image/gif")),
             Refused(Reason::schema).at("assets.logo.type"));
  CHECK_THAT(refusal_of(with("/assets/logo", "logo.png")), Refused(Reason::schema).at("assets.logo"));
  CHECK_THAT(refusal_of(with("/assets", json::array())), Refused(Reason::schema).at("assets"));
  CHECK_THAT(refusal_of(with("/assets/bad name", valid_manifest_json()["assets"]["logo"])),
             Refused(Reason::schema).at("assets.bad name"));

  ManifestLimits limits;
  limits.max_assets = 2;
  CHECK_THAT(refusal_of(valid_manifest_json(), limits), Refused(Reason::limit).at("assets"));
  limits = {};
  limits.max_total_bytes = 500000;
  CHECK_THAT(refusal_of(valid_manifest_json(), limits), Refused(Reason::limit).at("assets"));
}

TEST_CASE("manifest: layouts and regions", "[manifest]") {
  CHECK_THAT(refusal_of(with("/layouts/hero/size", json::array({1920}))),
             Refused(Reason::schema).at("layouts.hero.size"));
  CHECK_THAT(refusal_of(with("/layouts/hero/size", json::array({0, 1080}))),
             Refused(Reason::schema).at("layouts.hero.size"));
  CHECK_THAT(refusal_of(with("/layouts/hero/size", json::array({1920.5, 1080}))),
             Refused(Reason::schema).at("layouts.hero.size"));
  CHECK_THAT(refusal_of(with("/layouts/hero/size", json::array({100000, 1080}))),
             Refused(Reason::schema).at("layouts.hero.size"));
  CHECK_THAT(refusal_of(with("/layouts/hero/background", "#0b2a4")),
             Refused(Reason::schema).at("layouts.hero.background"));
  CHECK_THAT(refusal_of(with("/layouts/hero/background", "0b2a4a")),
             Refused(Reason::schema).at("layouts.hero.background"));
  CHECK_THAT(refusal_of(with("/layouts/hero/background", "#0b2a4g")),
             Refused(Reason::schema).at("layouts.hero.background"));
  CHECK_THAT(refusal_of(with("/layouts/hero/background", "blue")),
             Refused(Reason::schema).at("layouts.hero.background"));
  CHECK_THAT(refusal_of(with("/layouts/hero/regions/title/rect", json::array({80, 780, 1760, 301}))),
             Refused(Reason::schema).at("layouts.hero.regions.title.rect"));
  CHECK_THAT(refusal_of(with("/layouts/hero/regions/title/rect", json::array({-1, 780, 100, 100}))),
             Refused(Reason::schema).at("layouts.hero.regions.title.rect[0]"));
  CHECK_THAT(refusal_of(with("/layouts/hero/regions/title/rect", json::array({0, 0, 0, 100}))),
             Refused(Reason::schema).at("layouts.hero.regions.title.rect"));
  CHECK_THAT(refusal_of(with("/layouts/hero/regions/title/rect", json::array({0, 0, 10}))),
             Refused(Reason::schema).at("layouts.hero.regions.title.rect"));
  CHECK_THAT(
      refusal_of(with("/layouts/hero/regions/title/rect", json::array({2147483647, 0, 2147483647, 1}))),
      Refused(Reason::schema).at("layouts.hero.regions.title.rect[0]"));
  CHECK_THAT(refusal_of(with("/layouts", json::object())), Refused(Reason::schema).at("layouts"));
  CHECK_THAT(refusal_of(with("/layouts/hero/regions/ti tle", json::object())),
             Refused(Reason::schema).at("layouts.hero.regions.ti tle"));
}

TEST_CASE("manifest: slides and transitions", "[manifest]") {
  CHECK_THAT(refusal_of(with("/playlists/day/slides", json::array())),
             Refused(Reason::schema).at("playlists.day.slides"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/duration", 0)),
             Refused(Reason::schema).at("playlists.day.slides[0].duration"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/duration", -3)),
             Refused(Reason::schema).at("playlists.day.slides[0].duration"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/duration", "12s")),
             Refused(Reason::schema).at("playlists.day.slides[0].duration"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/duration", 1e300)),
             Refused(Reason::schema).at("playlists.day.slides[0].duration"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/transition/type", "wipe")),
             Refused(Reason::schema).at("playlists.day.slides[0].transition.type"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/transition/duration", 13)),
             Refused(Reason::schema).at("playlists.day.slides[0].transition.duration"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/content", json::array())),
             Refused(Reason::schema).at("playlists.day.slides[0].content"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/1", "hero")),
             Refused(Reason::schema).at("playlists.day.slides[1]"));

  ManifestLimits limits;
  limits.max_slides_per_playlist = 1;
  CHECK_THAT(refusal_of(valid_manifest_json(), limits), Refused(Reason::limit).at("playlists.day.slides"));
}

TEST_CASE("manifest: items and styles", "[manifest]") {
  const std::string title = "/playlists/day/slides/0/content/title";
  const std::string at = "playlists.day.slides[0].content.title";
  CHECK_THAT(refusal_of(with(title + "/type", "audio")), Refused(Reason::schema).at(at + ".type"));
  CHECK_THAT(refusal_of(with(title + "/text", "Hữu Nghị")), Refused(Reason::schema).at(at + ".text"));
  CHECK_THAT(refusal_of(with(title + "/text", json::object())), Refused(Reason::schema).at(at + ".text"));
  CHECK_THAT(refusal_of(with(title + "/text/vietnamese", "x")),
             Refused(Reason::schema).at(at + ".text.vietnamese"));
  CHECK_THAT(refusal_of(with(title + "/text/vi", "")), Refused(Reason::schema).at(at + ".text.vi"));
  CHECK_THAT(refusal_of(with(title + "/text/vi", 5)), Refused(Reason::schema).at(at + ".text.vi"));
  CHECK_THAT(refusal_of(with(title + "/text/vi", "a\x1b[2Jb")), Refused(Reason::schema).at(at + ".text.vi"));
  CHECK(parse_manifest(with(title + "/text/zh-Hant", "友誼關").dump(), "m").version == 12);
  CHECK(parse_manifest(with(title + "/text/vi", "hai\ndòng").dump(), "m").version == 12);
  CHECK_THAT(refusal_of(with(title + "/presentation", "rotating")),
             Refused(Reason::schema).at(at + ".presentation"));
  CHECK_THAT(refusal_of(with(title + "/style/color", "#fff")),
             Refused(Reason::schema).at(at + ".style.color"));
  CHECK_THAT(refusal_of(with(title + "/style/color", 0xffffff)),
             Refused(Reason::schema).at(at + ".style.color"));
  CHECK_THAT(refusal_of(with(title + "/style/align", "justify")),
             Refused(Reason::schema).at(at + ".style.align"));
  CHECK_THAT(refusal_of(with(title + "/style/valign", "center")),
             Refused(Reason::schema).at(at + ".style.valign"));
  CHECK_THAT(refusal_of(with(title + "/style/min_size", 200)),
             Refused(Reason::schema).at(at + ".style.max_size"));
  CHECK_THAT(refusal_of(with(title + "/style/max_size", 100000)),
             Refused(Reason::schema).at(at + ".style.max_size"));
  CHECK_THAT(refusal_of(with(title + "/style/bold", "yes")), Refused(Reason::schema).at(at + ".style.bold"));
  CHECK_THAT(refusal_of(with(title + "/style/line_spacing", 10)),
             Refused(Reason::schema).at(at + ".style.line_spacing"));
  CHECK_THAT(refusal_of(with(title + "/style/outline/width", 0)),
             Refused(Reason::schema).at(at + ".style.outline.width"));
  CHECK_THAT(refusal_of(with(title + "/style/shadow/blur", 3)),
             Refused(Reason::schema).at(at + ".style.shadow.blur"));
  CHECK_THAT(refusal_of(with(title + "/style", "bold")), Refused(Reason::schema).at(at + ".style"));

  const std::string picture = "/playlists/day/slides/0/content/picture";
  CHECK_THAT(refusal_of(with(picture + "/fit", "stretch")),
             Refused(Reason::schema).at("playlists.day.slides[0].content.picture.fit"));
  CHECK_THAT(refusal_of(with(picture + "/asset", "../logo")),
             Refused(Reason::schema).at("playlists.day.slides[0].content.picture.asset"));

  CHECK_THAT(refusal_of(with("/playlists/day/overlays/1/item/date", false)),
             Refused(Reason::schema).at("playlists.day.overlays[1].item"));
  CHECK_THAT(refusal_of(with("/playlists/day/overlays/0/item/speed", 0)),
             Refused(Reason::schema).at("playlists.day.overlays[0].item.speed"));
  CHECK_THAT(refusal_of(with("/playlists/day/overlays/0/item/separator", "\t")),
             Refused(Reason::schema).at("playlists.day.overlays[0].item.separator"));
  CHECK_THAT(refusal_of(with("/playlists/day/overlays/0/rect", json::array({0, 0, 0, 0}))),
             Refused(Reason::schema).at("playlists.day.overlays[0].rect"));
  CHECK_THAT(refusal_of(with("/playlists/day/overlays", json::object())),
             Refused(Reason::schema).at("playlists.day.overlays"));
}

TEST_CASE("manifest: null is not a default", "[manifest]") {
  CHECK_THAT(refusal_of(with("/screen", nullptr)), Refused(Reason::schema).at("screen"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/transition", nullptr)),
             Refused(Reason::schema).at("playlists.day.slides[0].transition"));
}
