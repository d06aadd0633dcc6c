// Cross-references and the whole-file limits of the manifest.
#include <catch2/catch.hpp>

#include "content/manifest/manifest_json.hpp"
#include "manifest_fixture.hpp"

using gatecast::Error;
using gatecast::Outcome;
using gatecast::Reason;
using namespace gatecast::content;
using json = nlohmann::json;
using namespace gatecast::test;

TEST_CASE("manifest refs: slides name existing layouts and regions", "[manifest]") {
  CHECK_THAT(refusal_of(with("/playlists/day/slides/1/layout", "villain")),
             Refused(Reason::schema).at("playlists.day.slides[1].layout"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/content/subtitle",
                             valid_manifest_json()["playlists"]["day"]["slides"][0]["content"]["title"])),
             Refused(Reason::schema).at("playlists.day.slides[0].content.subtitle"));
}

TEST_CASE("manifest refs: image items need image assets", "[manifest]") {
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/content/picture/asset", "missing")),
             Refused(Reason::schema).at("playlists.day.slides[0].content.picture.asset"));
  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/content/picture/asset", "extra-font")),
             Refused(Reason::schema).at("playlists.day.slides[0].content.picture.asset"));
  CHECK_THAT(refusal_of(with("/playlists/day/overlays/2/item/asset", "nologo")),
             Refused(Reason::schema).at("playlists.day.overlays[2].item.asset"));
}

TEST_CASE("manifest refs: font fallbacks need font assets", "[manifest]") {
  CHECK_THAT(refusal_of(with("/fonts/fallback/0", "logo")), Refused(Reason::schema).at("fonts.fallback[0]"));
  CHECK_THAT(refusal_of(with("/fonts/fallback/0", "nofont")),
             Refused(Reason::schema).at("fonts.fallback[0]"));
  CHECK_THAT(refusal_of(with("/fonts/fallback", "extra-font")), Refused(Reason::schema).at("fonts.fallback"));
  CHECK_THAT(refusal_of(with("/fonts/fallback/0", 3)), Refused(Reason::schema).at("fonts.fallback[0]"));
}

TEST_CASE("manifest refs: the schedule names existing playlists", "[manifest]") {
  CHECK_THAT(refusal_of(with("/schedule/default", "evening")),
             Refused(Reason::schema).at("schedule.default"));
  CHECK_THAT(refusal_of(with("/schedule/entries/0/playlist", "festival")),
             Refused(Reason::schema).at("schedule.entries[0].playlist"));
}

TEST_CASE("manifest refs: overlays sit inside the first slide's canvas", "[manifest]") {
  CHECK_THAT(refusal_of(with("/playlists/day/overlays/0/rect", json::array({0, 1020, 1920, 61}))),
             Refused(Reason::schema).at("playlists.day.overlays[0].rect"));
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
  CHECK_THAT(refusal_of_text(raw, limits), Refused(Reason::limit));
  CHECK_THAT(refusal_of_text(std::string(5u << 20, ' ')), Refused(Reason::limit));

  CHECK_THAT(refusal_of(with("/playlists/day/slides/0/content/title/text/vi", std::string(70000, 'a'))),
             Refused(Reason::limit));

  json nested = 1;
  for (int i = 0; i < 40; ++i) nested = json::array({nested});
  CHECK_THAT(refusal_of(with("/layouts/hero/size", nested)), Refused(Reason::limit));

  std::string bad_utf8 = raw;
  const auto pos = bad_utf8.find("Lạng Sơn");
  REQUIRE(pos != std::string::npos);
  bad_utf8[pos + 1] = '\xff';
  CHECK_THAT(refusal_of_text(bad_utf8), Refused(Reason::schema));
}

TEST_CASE("manifest limits: truncated at every point is refused, never crashes", "[manifest]") {
  const std::string raw = valid_manifest_json().dump(2);
  for (std::size_t n = 0; n < raw.size(); n += 7) {
    INFO(n);
    CHECK_THROWS_MATCHES(parse_manifest(std::string_view(raw).substr(0, n), "m"), Error,
                         Refused(Reason::schema));
  }
}

TEST_CASE("manifest limits: top level must be an object", "[manifest]") {
  CHECK_THAT(refusal_of_text("[]"), Refused(Reason::schema).at("top level"));
  CHECK_THAT(refusal_of_text("\"gatecast/1\""), Refused(Reason::schema).at("top level"));
  CHECK_THAT(refusal_of_text("{\"format\": \"gatecast/1\", \"format\": \"gatecast/1\"}"),
             Refused(Reason::schema));
}
