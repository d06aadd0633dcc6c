#pragma once
// The package most renderer tests draw: the Hữu Nghị hero layout (a picture above a caption)
// with one slide per item kind, and a wide LED-wall layout.
#include <memory>

#include "render_fixtures.hpp"

namespace gatecast::test {

struct Scene {
  std::shared_ptr<player::RenderPackage> package = std::make_shared<player::RenderPackage>();
  content::Manifest& m = package->manifest;

  // `photo` is a file the "photo" asset points to.
  explicit Scene(const std::filesystem::path& photo) {
    m.channel = "test";
    m.version = 1;
    m.assets["photo"] = content::Asset{std::string(64, 'a'), 1, content::AssetType::png, {}, std::nullopt};
    package->asset_files["photo"] = photo;
    content::Layout hero = layout(1920, 1080, {11, 42, 74, 255});
    hero.regions["picture"] = content::Region{{0, 0, 1920, 760}, std::nullopt};
    hero.regions["title"] = content::Region{{80, 780, 1760, 280}, content::Color{0, 0, 0, 128}};
    m.layouts["hero"] = hero;
    content::Layout wall = layout(1920, 360, {120, 20, 20, 255});
    wall.regions["left"] = content::Region{{0, 0, 640, 360}, content::Color{20, 120, 20, 255}};
    wall.regions["right"] = content::Region{{640, 0, 1280, 360}, std::nullopt};
    m.layouts["wall"] = wall;
  }

  // Adds a one-slide playlist named `name` showing `item` in the hero's `region`.
  content::Slide& add(const std::string& name, const std::string& region, content::Item item,
                      Duration duration = Duration{12000}) {
    content::Playlist p;
    p.slides.push_back(slide("hero", duration));
    p.slides.back().content[region] = std::move(item);
    m.playlists[name] = std::move(p);
    return m.playlists[name].slides.back();
  }

  static content::TextItem text(content::LanguagePresentation presentation) {
    content::TextItem t;
    t.text = huu_nghi_text();
    t.style = text_style(20, 96);
    t.presentation = presentation;
    return t;
  }

  static content::ImageItem image(content::Fit fit) {
    content::ImageItem i;
    i.asset = "photo";
    i.fit = fit;
    return i;
  }
};

}  // namespace gatecast::test
