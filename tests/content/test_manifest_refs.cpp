// Cross-references and the whole-file limits of the manifest.
#include <catch2/catch.hpp>

#include "content/manifest/manifest_json.hpp"
#include "manifest_fixture.hpp"

using gatecast::Error;
using gatecast::Outcome;
using namespace gatecast::content;
using json = nlohmann::json;
using namespace gatecast::test;

TEST_CASE("manifest refs: slides name existing layouts and regions", "[manifest]") {
  CHECK_THAT(refusal_of(with("/playlists/day/slides/1/layout", "villain")),
             Catch::Contains("playlists.day.slides[1].layout: layout 'villain' is not in layouts"));
  CHECK_THAT(
      refusal_of(with("/playlists/day/slides/0/content/subtitle",
                      valid_manifest_json()["playlists"]["day"]["slides"][0]["content"]["title"])),
      Catch::Contains("playlists.day.slides[0].content.subtitle: region 'subtitle' is not in layout 'hero'"));
}

TEST_CASE("manifest refs: image items need image assets", "[manifest]") {
  CHECK_THAT(
      refusal_of(with("/playlists/day/slides/0/content/picture/asset", "missing")),
      Catch::Contains("playlists.day.slides[0].content.picture.asset: asset 'missing' is not in assets"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/content/picture/asset", "extra-font")),
             Catch::Contains("content.picture.asset: asset 'extra-font' is not an image"));
  CHECK_THAT(refusal_of(with("/playlists/day/overlays/2/item/asset", "nologo")),
             Catch::Contains("playlists.day.overlays[2].item.asset: asset 'nologo' is not in assets"));
}

TEST_CASE("manifest refs: font fallbacks need font assets", "[manifest]") {
  CHECK_THAT(refusal_of(with("/fonts/fallback/0", "logo")),
             Catch::Contains("fonts.fallback[0]: asset 'logo' is not a font"));
  CHECK_THAT(refusal_of(with("/fonts/fallback/0", "nofont")),
             Catch::Contains("fonts.fallback[0]: asset 'nofont' is not in assets"));
  CHECK_THAT(refusal_of(with("/fonts/fallback", "extra-font")),
             Catch::Contains("fonts.fallback: expected an array"));
  CHECK_THAT(refusal_of(with("/fonts/fallback/0", 3)), Catch::Contains("fonts.fallback[0]: expected a font"));
}

TEST_CASE("manifest refs: the schedule names existing playlists", "[manifest]") {
  CHECK_THAT(refusal_of(with("/schedule/default", "evening")),
             Catch::Contains("schedule.default: playlist 'evening' is not in playlists"));
  CHECK_THAT(refusal_of(with("/schedule/entries/0/playlist", "festival")),
             Catch::Contains("schedule.entries[0].playlist: playlist 'festival' is not in playlists"));
}

TEST_CASE("manifest refs: overlays sit inside the first slide's canvas", "[manifest]") {
  CHECK_THAT(
      refusal_of(with("/playlists/day/overlays/0/rect", json::array({0, 1020, 1920, 61}))),
      Catch::Contains("playlists.day.overlays[0].rect: reaches outside the playlist's 1920x1080 canvas"));
}

TEST_CASE("manifest refs: references resolve whatever the key order", "[manifest]") {
  // Keys sorted the other way round (playlists before layouts and assets) parse the same.
  const json doc = valid_manifest_json();
  std::string reversed = "{";
  std::vector<std::string> keys;
  for (const auto& [key, value] : doc.items()) keys.push_back(key);
  for (auto k = keys.rbegin(); k != keys.rend(); ++k) {
    reversed += (reversed.size() > 1 ? "," : "") + json(*k).dump() + ":" + doc[*k].dump();
  }
  reversed += "}";
  CHECK(parse_manifest(reversed, "m").playlists.size() == 2);
}

TEST_CASE("manifest limits: size, depth, strings and encoding", "[manifest]") {
  ManifestLimits limits;
  const std::string raw = valid_manifest_json().dump();
  limits.max_manifest_bytes = raw.size() - 1;
  CHECK_THAT(refusal_of_text(raw, limits), Catch::Contains("more than the limit of"));
  CHECK_THAT(refusal_of_text(std::string(5u << 20, ' ')), Catch::Contains("more than the limit of 4194304"));

  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/content/title/text/vi", std::string(70000, 'a'))),
             Catch::Contains("longer than 65536 bytes"));

  json nested = 1;
  for (int i = 0; i < 40; ++i) nested = json::array({nested});
  CHECK_THAT(refusal_of(with("/layouts/hero/size", nested)), Catch::Contains("nested deeper than 32"));

  std::string bad_utf8 = raw;
  const auto pos = bad_utf8.find("Lạng Sơn");
  REQUIRE(pos != std::string::npos);
  bad_utf8[pos + 1] = '\xff';
  CHECK_THAT(refusal_of_text(bad_utf8), Catch::Contains("not valid UTF-8"));
}

TEST_CASE("manifest limits: truncated at every point is refused, never crashes", "[manifest]") {
  const std::string raw = valid_manifest_json().dump(2);
  for (std::size_t n = 0; n < raw.size(); n += 7) {
    INFO(n);
    CHECK_THROWS_AS(parse_manifest(std::string_view(raw).substr(0, n), "m"), Error);
  }
}

TEST_CASE("manifest limits: top level must be an object", "[manifest]") {
  CHECK_THAT(refusal_of_text("[]"), Catch::Contains("top level: expected an object"));
  CHECK_THAT(refusal_of_text("\"gatecast/1\""), Catch::Contains("top level: expected an object"));
  CHECK_THAT(refusal_of_text("{\"format\": \"gatecast/1\", \"format\": \"gatecast/1\"}"),
             Catch::Contains("'format' appears twice"));
}
