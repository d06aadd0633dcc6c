// `gatecast preview SRC --out PNG`: a contact sheet of every slide of an authoring folder
// (SRC/content.json) or of a publish tree's channel, each drawn by the screen's FrameRenderer
// as it looks once its transition is over, labelled with its playlist, number and duration.
// Options: --config F (site name, languages, zone), --channel C (a publish tree with several
// channels), --size WxH (one slide's picture; default 480 wide with the first layout's aspect),
// --at TIME (the clocks' time).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "content/base/error.hpp"
#include "content/base/path_exists.hpp"
#include "content/base/publish_tree.hpp"
#include "content/base/rfc3339.hpp"
#include "content/base/timezone.hpp"
#include "content/config/config_json.hpp"
#include "content/manifest/manifest_json.hpp"
#include "content/publish/pack_source.hpp"
#include "player/cli/args.hpp"
#include "player/cli/commands.hpp"
#include "player/images/image_cache.hpp"
#include "player/loop/frame_drawer.hpp"
#include "player/render/frame_renderer.hpp"
#include "player/render/png_output.hpp"
#include "player/surface/surface_ops.hpp"

namespace gatecast::cli {
namespace {

namespace fs = std::filesystem;
using player::RenderPackage;

constexpr int gap = 16;           // px between pictures and around the sheet
constexpr int label_height = 28;  // px under each picture
constexpr int max_columns = 4;
constexpr content::Color sheet_colour{30, 30, 30, 255};
constexpr content::Color problem_colour{200, 30, 30, 255};

std::string read_small_file(const fs::path& file, std::size_t limit) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail_usage(file.string(), "cannot be read");
  std::string bytes(limit + 1, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (bytes.size() > limit)
    fail_rejected(Reason::limit, file.string(), "is larger than " + std::to_string(limit) + " bytes");
  return bytes;
}

// The channel of a publish tree: --channel, or the only one it has.
std::string pick_channel(const fs::path& root, const std::optional<std::string>& wanted) {
  if (wanted) {
    content::check_channel_name(*wanted, "--channel");
    return *wanted;
  }
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root / "channels", ec)) {
    if (entry.is_directory()) found.push_back(entry.path().filename().string());
  }
  if (found.size() != 1) {
    fail_usage("--channel", found.empty() ? "the publish tree has no channel"
                                          : "the publish tree has several channels: name one");
  }
  return found.front();
}

std::shared_ptr<const RenderPackage> load_source(const fs::path& src,
                                                 const std::optional<std::string>& channel, Instant now) {
  auto package = std::make_shared<RenderPackage>();
  if (content::path_exists(src / "content.json")) {
    content::PackOptions options;
    options.source = src;
    options.channel = "preview";
    options.version = 1;
    options.now = now;
    content::PackSource read = content::read_pack_source(options);
    package->manifest = content::parse_manifest_document(read.document, read.subject);
    package->asset_files = read.asset_files;
    return package;
  }
  std::error_code ec;
  if (!fs::is_directory(src / "channels", ec)) {
    fail_usage(src.string(), "is neither an authoring folder (content.json) nor a publish tree (channels/)");
  }
  const std::string name = pick_channel(src, channel);
  const fs::path manifest_file = content::manifest_path(src, name);
  const content::ManifestLimits limits;
  package->manifest = content::parse_manifest(read_small_file(manifest_file, limits.max_manifest_bytes),
                                              manifest_file.string(), limits);
  for (const auto& [asset_name, asset] : package->manifest.assets) {
    package->asset_files[asset_name] = content::blob_path(src, asset.sha256);
  }
  return package;
}

// Where in a slide its picture is taken: when its transition has ended; for a slide with a
// video, a tenth into the slide (films often open on black), the poster frame.
Duration poster_offset(const content::Slide& slide) {
  for (const auto& [region, item] : slide.content) {
    if (std::holds_alternative<content::VideoItem>(item))
      return std::max(slide.transition.duration, slide.duration / 10);
  }
  return slide.transition.duration;
}

player::RenderSettings settings_from(const std::optional<std::string>& config_file) {
  player::RenderSettings settings;
  if (config_file) {
    const content::Config config = content::load_config(*config_file);
    settings = player::render_settings_for(config, content::load_time_zone(config.timezone));
  } else {
    settings.zone = content::load_time_zone("Asia/Ho_Chi_Minh");
  }
  settings.viewport.reset();  // each picture is the whole canvas
  return settings;
}

std::string seconds(Duration d) {
  std::ostringstream s;
  s << double(d.count()) / 1000.0 << " s";
  return s.str();
}

// 480 px wide, as tall as the first slide's canvas makes it (an LED wall's strip stays a strip).
std::pair<int, int> default_cell_size(const content::Manifest& m) {
  for (const auto& [name, playlist] : m.playlists) {
    if (playlist.slides.empty()) continue;
    auto layout = m.layouts.find(playlist.slides.front().layout);
    if (layout == m.layouts.end() || layout->second.width <= 0) break;
    const long h = 480L * layout->second.height / layout->second.width;
    return {480, static_cast<int>(std::clamp(h, 60L, 480L))};
  }
  return {480, 270};
}

struct Cell {
  std::string playlist;
  std::size_t index = 0;
};

}  // namespace

int cmd_preview(const Words& words) {
  const Args args(words, {"out", "config", "channel", "size", "at"}, {});
  const fs::path src = args.positional("SRC");
  const fs::path out = args.required("out");
  const Instant at = args.option("at")
                         ? content::parse_rfc3339(*args.option("at"), "--at", Outcome::usage)
                         : std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  const player::RenderSettings settings = settings_from(args.option("config"));
  const std::shared_ptr<const RenderPackage> package = load_source(src, args.option("channel"), at);
  const auto [cell_w, cell_h] = args.option("size")
                                    ? player::parse_picture_size(*args.option("size"), "--size")
                                    : default_cell_size(package->manifest);

  std::vector<Cell> cells;
  for (const auto& [name, playlist] : package->manifest.playlists) {
    for (std::size_t i = 0; i < playlist.slides.size(); ++i) cells.push_back({name, i});
  }
  if (cells.empty()) fail_rejected(Reason::schema, src.string(), "has no slides");
  const int columns = std::min<int>(max_columns, static_cast<int>(cells.size()));
  const int rows = (static_cast<int>(cells.size()) + columns - 1) / columns;
  const long sheet_w = gap + long{columns} * (cell_w + gap);
  const long sheet_h = gap + long{rows} * (cell_h + label_height + gap);
  if (sheet_w > player::max_picture_side || sheet_h > player::max_picture_side) {
    fail_usage("--size", "the contact sheet would be larger than " +
                             std::to_string(player::max_picture_side) +
                             " px a side; choose a smaller --size");
  }
  player::SurfacePtr sheet = player::make_argb_surface(int(sheet_w), int(sheet_h));
  player::SurfacePtr picture = player::make_argb_surface(cell_w, cell_h);
  if (!sheet || !picture)
    fail_runtime(Reason::display, "preview", std::string("cannot allocate the sheet: ") + SDL_GetError());
  player::fill(sheet.get(), nullptr, sheet_colour);

  player::ImageCache images;
  player::FrameRenderer renderer(settings, images);
  content::TextStyle label_style;
  label_style.min_size = 10;
  label_style.max_size = 16;
  label_style.color = {230, 230, 230, 255};
  int unplayable = 0;
  for (std::size_t n = 0; n < cells.size(); ++n) {
    const Cell& cell = cells[n];
    const content::Slide& slide = package->manifest.playlists.at(cell.playlist).slides[cell.index];
    player::FrameRequest request;
    request.now = at + poster_offset(slide);
    request.slide = player::SlideRef{package, cell.playlist, cell.index, at};
    renderer.draw(request, picture.get());
    const int x = gap + int(n % std::size_t(columns)) * (cell_w + gap);
    const int y = gap + int(n / std::size_t(columns)) * (cell_h + label_height + gap);
    player::copy_onto(picture.get(), sheet.get(), x, y);
    std::string label =
        cell.playlist + " " + std::to_string(cell.index + 1) + " · " + seconds(slide.duration);
    if (!renderer.slide_problems().empty()) {
      ++unplayable;
      label += " · CANNOT PLAY";
      SDL_Rect frame{x - 3, y - 3, cell_w + 6, 3};
      for (int side = 0; side < 2; ++side, frame.y += cell_h + 3)
        player::fill(sheet.get(), &frame, problem_colour);
      for (const auto& problem : renderer.slide_problems()) {
        std::fprintf(stderr, "gatecast: playlist '%s' slide %zu: %s\n", cell.playlist.c_str(), cell.index + 1,
                     problem.c_str());
      }
    }
    if (player::TextRenderer* text = renderer.text()) {
      player::SharedSurface line = text->render_line(label, label_style, label_height - 6, 1.0);
      if (line) {
        SDL_Rect clip{x, y + cell_h, cell_w, label_height};
        SDL_SetClipRect(sheet.get(), &clip);
        player::blend_onto(line.get(), nullptr, sheet.get(), x, y + cell_h + 4);
        SDL_SetClipRect(sheet.get(), nullptr);
      }
    }
  }
  player::save_png(sheet.get(), out);
  std::printf("%s: %zu slides, %dx%d\n", out.string().c_str(), cells.size(), int(sheet_w), int(sheet_h));
  // Text the screen would draw wrong (a Khmer vowel with no consonant, a character in no font)
  // is refused here as `pack` refuses it; the sheet is still written, to show where.
  if (renderer.text()) {
    std::vector<fs::path> extra_fonts;
    for (const auto& name : package->manifest.fonts.fallback) {
      if (auto file = package->asset_files.find(name); file != package->asset_files.end())
        extra_fonts.push_back(file->second);
    }
    player::FontChain fonts = player::FontChain::load(extra_fonts);
    const std::vector<Error> text_problems = player::check_text_drawing(package->manifest, fonts);
    for (const Error& e : text_problems) std::fprintf(stderr, "gatecast: %s\n", e.what());
    if (!text_problems.empty()) {
      fail_rejected(Reason::unplayable, src.string(),
                    std::to_string(text_problems.size()) + " text problem(s), listed above");
    }
  }
  if (unplayable > 0) {
    fail_rejected(Reason::unplayable, src.string(),
                  std::to_string(unplayable) + " slide(s) cannot play (marked on the sheet)");
  }
  return 0;
}

}  // namespace gatecast::cli
