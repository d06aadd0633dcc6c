// The optional `title` of slides and assets (docs/manifest.md, "Titles"): read per language,
// absent in older manifests, and every hostile form refused with its path.
#include <catch2/catch.hpp>

#include "content/manifest/manifest_json.hpp"
#include "manifest_fixture.hpp"

using gatecast::Reason;
using namespace gatecast::content;
using json = nlohmann::json;
using namespace gatecast::test;

namespace {

const json kTitle = {
    {"vi", "Cửa khẩu Hữu Nghị, ảnh ban ngày"}, {"zh", "友谊关口岸白天"}, {"en", "Huu Nghi gate by day"}};

Manifest parsed(const json& doc) {
  return parse_manifest(doc.dump(), "site/manifest.json");
}

}  // namespace

TEST_CASE("manifest titles: slides and assets carry them per language", "[manifest][titles]") {
  json doc = with("/assets/gate-photo/title", kTitle);
  doc["playlists"]["day"]["slides"][1]["title"] = {{"vi", "Lịch mở cửa khẩu"}};
  const Manifest m = parsed(doc);
  CHECK(m.assets.at("gate-photo").title == Title{{"vi", "Cửa khẩu Hữu Nghị, ảnh ban ngày"},
                                                 {"zh", "友谊关口岸白天"},
                                                 {"en", "Huu Nghi gate by day"}});
  CHECK(m.assets.at("logo").title.empty());
  CHECK(m.playlists.at("day").slides[1].title == Title{{"vi", "Lịch mở cửa khẩu"}});
  CHECK(m.playlists.at("day").slides[0].title.empty());
}

TEST_CASE("manifest titles: a manifest without any still reads", "[manifest][titles]") {
  const Manifest m = parsed(valid_manifest_json());
  for (const auto& [name, asset] : m.assets) CHECK(asset.title.empty());
  for (const auto& [name, playlist] : m.playlists)
    for (const auto& slide : playlist.slides) CHECK(slide.title.empty());
}

TEST_CASE("manifest titles: wrong types are refused", "[manifest][titles]") {
  for (const char* where : {"/assets/logo/title", "/playlists/day/slides/0/title"}) {
    INFO(where);
    const std::string path =
        std::string(where[1] == 'a' ? "assets.logo.title" : "playlists.day.slides[0].title");
    CHECK_THAT(refusal_of(with(where, "Logo")), Refused(Reason::schema).at(path));
    CHECK_THAT(refusal_of(with(where, json::array({"Logo"}))), Refused(Reason::schema).at(path));
    CHECK_THAT(refusal_of(with(where, 7)), Refused(Reason::schema).at(path));
    CHECK_THAT(refusal_of(with(where, json::object())), Refused(Reason::schema).at(path));
    CHECK_THAT(refusal_of(with(where, nullptr)), Refused(Reason::schema).at(path));
    CHECK_THAT(refusal_of(with(where, {{"vi", 3}})), Refused(Reason::schema).at(path + ".vi"));
    CHECK_THAT(refusal_of(with(where, {{"vi", {{"x", "y"}}}})), Refused(Reason::schema).at(path + ".vi"));
    CHECK_THAT(refusal_of(with(where, {{"vi", ""}})), Refused(Reason::schema).at(path + ".vi"));
    CHECK_THAT(refusal_of(with(where, {{"Vietnamese", "Logo"}})),
               Refused(Reason::schema).at(path + ".Vietnamese"));
  }
}

TEST_CASE("manifest titles: oversized titles are refused as a limit", "[manifest][titles]") {
  CHECK(parsed(with("/assets/logo/title", {{"vi", std::string(max_title_bytes, 'a')}}))
            .assets.at("logo")
            .title.at("vi")
            .size() == max_title_bytes);
  CHECK_THAT(refusal_of(with("/assets/logo/title", {{"vi", std::string(max_title_bytes + 1, 'a')}})),
             Refused(Reason::limit).at("assets.logo.title.vi"));
  // Bytes, not characters: 86 three-byte letters are 258 bytes.
  std::string wide;
  for (int i = 0; i < 86; ++i) wide += "ữ";
  CHECK_THAT(refusal_of(with("/playlists/day/slides/1/title", {{"vi", wide}})),
             Refused(Reason::limit).at("playlists.day.slides[1].title.vi"));
  json many = json::object();
  for (std::size_t i = 0; i <= max_title_languages; ++i)
    many["x" + std::string(1, static_cast<char>('a' + i / 26)) + static_cast<char>('a' + i % 26)] = "t";
  CHECK_THAT(refusal_of(with("/assets/logo/title", many)), Refused(Reason::limit).at("assets.logo.title"));
}

TEST_CASE("manifest titles: control characters are refused, a line break too", "[manifest][titles]") {
  for (const std::string& bad : std::vector<std::string>{
           "two\nlines", "tab\there", "cr\rhere", "esc\x1b[31mred", "del\x7f", std::string("nul\0x", 5)}) {
    INFO(json(bad).dump());
    CHECK_THAT(refusal_of(with("/assets/logo/title", {{"en", bad}})),
               Refused(Reason::schema).at("assets.logo.title.en"));
    CHECK_THAT(refusal_of(with("/playlists/night/slides/0/title", {{"en", bad}})),
               Refused(Reason::schema).at("playlists.night.slides[0].title.en"));
  }
}
