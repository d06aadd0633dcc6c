// pack's player-side checks: images decode within the limits, texts are covered and fit.
#include <catch2/catch.hpp>

#include "player/render/content_check.hpp"
#include "render_scene.hpp"
#include "support/refusal.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::player;
using gatecast::test::TempDir;

namespace {

std::string joined(const std::vector<Error>& errors) {
  std::string all;
  for (const Error& e : errors) all += std::string(e.what()) + "\n";
  return all;
}

}  // namespace

TEST_CASE("content check passes a sound package", "[render][content_check]") {
  TempDir dir;
  test::Scene scene(test::write_png(dir / "photo.png", 64, 48));
  scene.add("day", "title", test::Scene::text(content::LanguagePresentation::stacked));
  scene.m.playlists["day"].slides[0].content["picture"] = test::Scene::image(content::Fit::cover);
  const std::vector<Error> problems = check_package_content(scene.m, scene.package->asset_files);
  INFO(joined(problems));
  CHECK(problems.empty());
}

TEST_CASE("content check refuses oversized and corrupt images, naming the asset", "[render][content_check]") {
  TempDir dir;
  test::Scene scene(test::write_png(dir / "photo.png", 64, 48));
  std::string huge = test::read_bytes(test::write_png(dir / "huge.png", 16, 16));
  huge.replace(16, 4, std::string("\x00\x00\x4e\x20", 4));
  test::write_bytes(dir / "huge.png", huge);
  std::string corrupt = test::read_bytes(test::write_png(dir / "corrupt.png", 64, 48));
  for (std::size_t i = 40; i < corrupt.size(); i += 3) corrupt[i] = char(corrupt[i] ^ 0x5a);
  test::write_bytes(dir / "corrupt.png", corrupt);
  scene.m.assets["huge"] = scene.m.assets["photo"];
  scene.m.assets["corrupt"] = scene.m.assets["photo"];
  scene.m.assets["font"] = content::Asset{
      std::string(64, 'b'), 1, content::AssetType::font_ttf, {}, std::nullopt};  // not an image
  scene.package->asset_files["huge"] = dir / "huge.png";
  scene.package->asset_files["corrupt"] = dir / "corrupt.png";
  const std::vector<Error> problems = check_package_content(scene.m, scene.package->asset_files);
  REQUIRE(problems.size() == 2);
  CHECK_THAT(problems[0],
             test::Refused(Reason::unplayable).about((dir / "corrupt.png").string() + " (asset 'corrupt')"));
  CHECK_THAT(problems[1],
             test::Refused(Reason::unplayable).about((dir / "huge.png").string() + " (asset 'huge')"));
}

TEST_CASE("content check refuses a character no font covers", "[render][content_check]") {
  TempDir dir;
  test::Scene scene(test::write_png(dir / "photo.png", 64, 48));
  content::TextItem text = test::Scene::text(content::LanguagePresentation::stacked);
  text.text["en"] = "Gate \xF3\xBF\xBF\xBD";  // U+FFFFD, private use: in no font
  scene.add("day", "title", text);
  const std::vector<Error> problems = check_package_content(scene.m, scene.package->asset_files);
  INFO(joined(problems));
  REQUIRE_FALSE(problems.empty());
  CHECK_THAT(problems[0], test::Refused(Reason::unplayable));
  CHECK_THAT(joined(problems), Catch::Contains("FFFFD"));  // the code point, so the office can find it
}

TEST_CASE("languages used by a manifest come vi, zh, en first", "[render][content_check]") {
  TempDir dir;
  test::Scene scene(test::write_png(dir / "photo.png", 8, 8));
  content::TextItem text;
  text.text = {{"km", "x"}, {"en", "x"}, {"lo", "x"}, {"vi", "x"}};
  scene.add("day", "title", text);
  content::TickerItem ticker;
  ticker.text = {{"zh", "x"}};
  scene.m.playlists["day"].overlays.push_back(content::Overlay{{0, 0, 10, 10}, ticker});
  CHECK(languages_used(scene.m) == std::vector<std::string>{"vi", "zh", "en", "km", "lo"});
}
