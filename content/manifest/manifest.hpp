#pragma once
// The manifest as values: what a signed package says. Parsing and validation live in
// manifest_json.cpp; nothing here touches JSON, files or the network. The JSON form is
// documented in docs/manifest.md.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "scheduler/schedule.hpp"
#include "scheduler/time.hpp"

namespace gatecast::content {

inline constexpr const char* manifest_format = "gatecast/1";

// New types go at the end: tests and tools iterate them in this order.
enum class AssetType { png, jpeg, webp, font_ttf, font_otf, mp4, matroska, webm };

// What `pack` found when it decoded a video from its first frame to its last
// (content/media/video_probe.hpp). The screen reads its timing from here without decoding, so
// the scheduler knows how long a slide of "the video's own length" is.
struct VideoInfo {
  std::string codec;    // FFmpeg's name: "h264", "hevc", "vp9", "av1"
  std::string profile;  // the codec's profile ("High", "Main 10", "Profile 0"); may be empty
  int width = 0, height = 0;
  double frame_rate = 0;  // frames per second, 3 decimals
  Duration duration{0};   // first frame's start to the last frame's end
  std::int64_t frames = 0;
  auto operator<=>(const VideoInfo&) const = default;
};

// Language code ("vi", "zh", "en", "lo", "km", ...) -> UTF-8 text (NFC or NFD).
using LocalizedText = std::map<std::string, std::string>;

// What the department's reports call an asset or a slide, per language: one line of words
// ("Hữu Nghị gate, night view"), never drawn on screen. Empty when the manifest gives none;
// reports then use the asset's name.
using Title = LocalizedText;
inline constexpr std::size_t max_title_bytes = 256;  // per language, UTF-8 bytes
inline constexpr std::size_t max_title_languages = 16;

// An asset is known by the hash of its bytes; its name only exists inside the manifest.
struct Asset {
  std::string sha256;  // 64 lowercase hex digits
  std::uint64_t size = 0;
  AssetType type = AssetType::png;
  Title title;
  std::optional<VideoInfo> video;  // present exactly for video types
};

struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
  auto operator<=>(const Rect&) const = default;
};

struct Color {
  std::uint8_t r = 0, g = 0, b = 0, a = 255;
  auto operator<=>(const Color&) const = default;
};

enum class HAlign { left, center, right };
enum class VAlign { top, middle, bottom };

struct Outline {
  int width = 0;  // px on the layout's canvas
  Color color;
};
struct Shadow {
  int dx = 0, dy = 0;
  Color color;
};

struct TextStyle {
  bool bold = false;
  int min_size = 24;  // px on the layout's canvas; auto-fit picks the largest that fits
  int max_size = 96;
  double line_spacing = 1.15;
  Color color{255, 255, 255, 255};
  HAlign align = HAlign::center;
  VAlign valign = VAlign::middle;
  std::optional<Outline> outline;
  std::optional<Shadow> shadow;
};

// How several languages share one region: all at once, one above the other (stacked), or one
// at a time, rotating within the slide (cycling).
enum class LanguagePresentation { stacked, cycling };

struct TextItem {
  LocalizedText text;
  TextStyle style;
  LanguagePresentation presentation = LanguagePresentation::stacked;
};

enum class Fit { cover, contain };

struct ImageItem {
  std::string asset;  // a name in Manifest::assets
  Fit fit = Fit::contain;
};

// A video in a region. A clip shorter than its slide holds its last frame, or starts again
// from its first frame when `loop` is set; a longer one is cut at the slide's end. Muted
// unless the item asks for sound: `volume` in (0, 1] scales the clip's own samples.
struct VideoItem {
  std::string asset;  // a name in Manifest::assets, of a video type
  Fit fit = Fit::contain;
  bool loop = false;
  double volume = 0.0;  // 0 = muted (the default: a gate is loud and screens often have no speakers)
};

// Date and time in each of the site's languages, in the site's time zone.
struct ClockItem {
  TextStyle style;
  bool show_date = true;
  bool show_time = true;
};

// A seamless horizontal loop of every language's text, at a speed independent of frame rate.
struct TickerItem {
  LocalizedText text;
  TextStyle style;
  double speed_px_per_s = 120.0;
  std::string separator = "   •   ";
};

using Item = std::variant<TextItem, ImageItem, ClockItem, TickerItem, VideoItem>;

struct Region {
  Rect rect;
  std::optional<Color> background;
};

// Regions are given on a design canvas (`width` x `height`); the player scales the canvas to
// the configured viewport, keeping its aspect ratio.
struct Layout {
  int width = 1920;
  int height = 1080;
  Color background{0, 0, 0, 255};
  std::map<std::string, Region> regions;
};

enum class TransitionKind { cut, crossfade, slide };

struct Transition {
  TransitionKind kind = TransitionKind::cut;
  Duration duration{0};
};

struct Slide {
  std::string layout;                   // a name in Manifest::layouts
  std::map<std::string, Item> content;  // region name -> what it shows
  Duration duration{10000};             // for `"duration": "video"`, the longest video's (resolved at parse)
  Transition transition;                // how this slide comes in
  Title title;                          // for the reports; the title of its pictures that have none
  bool duration_from_video = false;     // the manifest said `"duration": "video"`
};

// Drawn above every slide of a playlist, in the playlist's own canvas coordinates (the canvas
// of its first slide's layout); a ticker, a clock or a logo.
struct Overlay {
  Rect rect;
  Item item;
};

struct Playlist {
  std::vector<Slide> slides;
  std::vector<Overlay> overlays;
};

struct FontSettings {
  std::vector<std::string> fallback;  // font asset names tried before the bundled fonts
};

struct Manifest {
  std::string channel;
  std::int64_t version = 0;
  Instant created;
  Instant expires;
  std::vector<std::string> targets;  // screen ids or patterns such as "langson/huunghi/*"
  std::map<std::string, Asset> assets;
  std::map<std::string, Layout> layouts;
  std::map<std::string, Playlist> playlists;
  scheduler::Schedule schedule;
  scheduler::ScreenPolicy screen;
  FontSettings fonts;
};

}  // namespace gatecast::content
