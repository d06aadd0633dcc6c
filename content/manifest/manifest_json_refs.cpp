// Cross-references of a parsed manifest: every name one part uses must exist in the part it
// names, with the right kind (an image item needs an image asset, a font fallback a font).
// Runs after everything has been read, so that the order of keys in the file never matters.
#include "content/manifest/manifest_json_parts.hpp"
#include "content/manifest/media_type.hpp"

namespace gatecast::content::manifest_json {

namespace {

void check_image_asset(const Context& ctx, const Manifest& m, const Item& item, const std::string& path) {
  const auto* image = std::get_if<ImageItem>(&item);
  if (!image) return;
  const auto asset = m.assets.find(image->asset);
  const std::string at = join_path(path, "asset");
  if (asset == m.assets.end()) fail_at(ctx, at, "asset '" + image->asset + "' is not in assets");
  if (!is_image(asset->second.type)) fail_at(ctx, at, "asset '" + image->asset + "' is not an image");
}

void check_video_asset(const Context& ctx, const Manifest& m, const Item& item, const std::string& path) {
  const auto* video = std::get_if<VideoItem>(&item);
  if (!video) return;
  const auto asset = m.assets.find(video->asset);
  const std::string at = join_path(path, "asset");
  if (asset == m.assets.end()) fail_at(ctx, at, "asset '" + video->asset + "' is not in assets");
  if (!is_video(asset->second.type)) fail_at(ctx, at, "asset '" + video->asset + "' is not a video");
}

// `"duration": "video"`: the slide lasts as long as its longest video that does not loop (a
// looping clip has no end of its own). The transition still must fit in it.
Duration video_length_of(const Context& ctx, const Manifest& m, const Slide& slide, const std::string& path) {
  Duration longest{0};
  for (const auto& [region, item] : slide.content) {
    const auto* video = std::get_if<VideoItem>(&item);
    if (!video || video->loop) continue;
    const VideoInfo& info = *m.assets.at(video->asset).video;
    longest = std::max(longest, info.duration);
  }
  if (longest.count() == 0)
    fail_at(ctx, path + ".duration", "is \"video\" but the slide has no video that does not loop");
  if (longest > Duration{86'400'000})
    fail_at(ctx, Reason::limit, path + ".duration", "the video is longer than a day");
  if (slide.transition.duration > longest)
    fail_at(ctx, path + ".transition.duration", "is longer than the slide");
  return longest;
}

bool inside(const Rect& r, int width, int height) {
  return r.x + r.w <= width && r.y + r.h <= height;
}

void check_playlist(const Context& ctx, const Manifest& m, const std::string& name,
                    const Playlist& playlist) {
  const std::string base = join_path("playlists", name);
  for (std::size_t i = 0; i < playlist.slides.size(); ++i) {
    const Slide& slide = playlist.slides[i];
    const std::string path = base + ".slides[" + std::to_string(i) + "]";
    const auto layout = m.layouts.find(slide.layout);
    if (layout == m.layouts.end())
      fail_at(ctx, path + ".layout", "layout '" + slide.layout + "' is not in layouts");
    for (const auto& [region, item] : slide.content) {
      const std::string at = path + ".content." + region;
      if (!layout->second.regions.count(region)) {
        fail_at(ctx, at, "region '" + region + "' is not in layout '" + slide.layout + "'");
      }
      check_image_asset(ctx, m, item, at);
      check_video_asset(ctx, m, item, at);
    }
  }
  // Overlays are placed on the canvas of the first slide's layout (manifest.hpp, Overlay).
  const Layout& canvas = m.layouts.at(playlist.slides.front().layout);
  for (std::size_t i = 0; i < playlist.overlays.size(); ++i) {
    const std::string path = base + ".overlays[" + std::to_string(i) + "]";
    if (!inside(playlist.overlays[i].rect, canvas.width, canvas.height)) {
      fail_at(ctx, path + ".rect",
              "reaches outside the playlist's " + std::to_string(canvas.width) + "x" +
                  std::to_string(canvas.height) + " canvas (the first slide's layout)");
    }
    check_image_asset(ctx, m, playlist.overlays[i].item, path + ".item");
    // An overlay has no slide to take its time from: a video belongs in a region.
    if (std::holds_alternative<VideoItem>(playlist.overlays[i].item))
      fail_at(ctx, path + ".item", "a video plays in a slide's region, not in an overlay");
  }
}

void check_playlist_name(const Context& ctx, const Manifest& m, const std::string& name,
                         const std::string& path) {
  if (!m.playlists.count(name)) fail_at(ctx, path, "playlist '" + name + "' is not in playlists");
}

}  // namespace

void check_references(const Context& ctx, const Manifest& m) {
  for (const auto& [name, playlist] : m.playlists) check_playlist(ctx, m, name, playlist);

  if (!m.schedule.default_playlist.empty()) {
    check_playlist_name(ctx, m, m.schedule.default_playlist, "schedule.default");
  }
  for (std::size_t i = 0; i < m.schedule.entries.size(); ++i) {
    check_playlist_name(ctx, m, m.schedule.entries[i].playlist,
                        "schedule.entries[" + std::to_string(i) + "].playlist");
  }

  for (std::size_t i = 0; i < m.fonts.fallback.size(); ++i) {
    const std::string& name = m.fonts.fallback[i];
    const std::string path = "fonts.fallback[" + std::to_string(i) + "]";
    const auto asset = m.assets.find(name);
    if (asset == m.assets.end()) fail_at(ctx, path, "asset '" + name + "' is not in assets");
    if (!is_font(asset->second.type)) fail_at(ctx, path, "asset '" + name + "' is not a font");
  }
}

void resolve_video_durations(const Context& ctx, Manifest& m) {
  for (auto& [name, playlist] : m.playlists) {
    for (std::size_t i = 0; i < playlist.slides.size(); ++i) {
      Slide& slide = playlist.slides[i];
      if (!slide.duration_from_video) continue;
      slide.duration =
          video_length_of(ctx, m, slide, join_path("playlists", name) + ".slides[" + std::to_string(i) + "]");
    }
  }
}

}  // namespace gatecast::content::manifest_json
