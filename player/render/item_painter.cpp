#include "player/render/item_painter.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "player/render/clock_format.hpp"
#include "player/surface/surface_ops.hpp"

namespace gatecast::player {
namespace {

std::int64_t ms(Instant t) {
  return t.time_since_epoch().count();
}

std::int64_t floor_mod(std::int64_t a, std::int64_t b) {
  return ((a % b) + b) % b;
}

// The next multiple of `period` after `now` (epoch-aligned).
Instant next_boundary(Instant now, Duration period) {
  const std::int64_t p = std::max<std::int64_t>(1, period.count());
  return Instant(Duration(ms(now) - floor_mod(ms(now), p) + p));
}

std::vector<WrittenText> texts_of(const content::LocalizedText& text, const std::vector<std::string>& langs) {
  std::vector<WrittenText> out;
  for (const auto& lang : langs) out.push_back(WrittenText{text.at(lang), lang});
  return out;
}

// A clock's lines at `t`: the time, then the date in the language of the moment.
std::vector<WrittenText> clock_lines(const content::ClockItem& item, const ItemTime& t,
                                     const RenderSettings& settings) {
  const CivilTime c = civil_time(t.now, settings.zone.offset_at(t.now));
  std::vector<WrittenText> lines;
  if (item.show_time) lines.push_back(WrittenText{format_time(c), {}});
  if (item.show_date && !settings.languages.empty()) {
    const auto n = static_cast<std::int64_t>(settings.languages.size());
    const auto i = static_cast<std::size_t>(floor_mod(ms(t.now) / clock_date_period.count(), n));
    lines.push_back(WrittenText{format_date(settings.languages[i], c), settings.languages[i]});
  }
  return lines;
}

}  // namespace

std::vector<std::string> shown_languages(const content::LocalizedText& text,
                                         const std::vector<std::string>& site_languages) {
  std::vector<std::string> out;
  for (const auto& lang : site_languages) {
    if (text.count(lang) && std::find(out.begin(), out.end(), lang) == out.end()) out.push_back(lang);
  }
  if (out.empty()) {
    for (const auto& [lang, value] : text) out.push_back(lang);
  }
  return out;
}

std::size_t cycling_index(const ItemTime& t, std::size_t count) {
  if (count <= 1) return 0;
  const auto n = static_cast<std::int64_t>(count);
  if (t.slide_duration.count() <= 0) {
    return static_cast<std::size_t>(floor_mod(ms(t.now) / overlay_cycle_period.count(), n));
  }
  // Each language gets an equal share of the slide; before the start (a transition's
  // outgoing slide never is) and after the end the first and last language hold.
  const std::int64_t into = ms(t.now) - ms(t.slide_start);
  const std::int64_t share = std::max<std::int64_t>(1, t.slide_duration.count() / n);
  return static_cast<std::size_t>(std::clamp<std::int64_t>(into / share, 0, n - 1));
}

int ticker_offset(Instant now, double speed_px_per_s, double scale, int loop_width) {
  if (loop_width <= 0 || speed_px_per_s <= 0) return 0;
  // Long double keeps a sub-pixel position exact for any date (ms since the epoch ~ 2^41).
  long double offset = std::fmod(static_cast<long double>(ms(now)) * speed_px_per_s * scale / 1000.0L,
                                 static_cast<long double>(loop_width));
  if (offset < 0) offset += loop_width;
  return std::clamp(static_cast<int>(offset), 0, loop_width - 1);
}

std::string ticker_line(const content::TickerItem& item, const std::vector<std::string>& languages) {
  std::string line;
  for (const auto& lang : languages) line += item.text.at(lang) + item.separator;
  return line;
}

std::vector<WrittenText> ticker_pieces(const content::TickerItem& item,
                                       const std::vector<std::string>& languages) {
  std::vector<WrittenText> pieces;
  for (const auto& lang : languages) pieces.push_back(WrittenText{item.text.at(lang) + item.separator, lang});
  return pieces;
}

bool is_dynamic(const content::Item& item) {
  if (const auto* text = std::get_if<content::TextItem>(&item)) {
    return text->presentation == content::LanguagePresentation::cycling && text->text.size() > 1;
  }
  return std::holds_alternative<content::ClockItem>(item) ||
         std::holds_alternative<content::TickerItem>(item) ||
         std::holds_alternative<content::VideoItem>(item);
}

ItemPainter::ItemPainter(const RenderSettings& settings, std::function<TextRenderer*()> text,
                         ImageCache& images, VideoFrames& videos, VideoTiming timing)
    : settings_(settings), text_(std::move(text)), images_(images), videos_(videos), timing_(timing) {}

std::optional<ImageResult> ItemPainter::picture(const ImageKey& key) {
  if (timing_ == VideoTiming::exact) return images_.get(key);
  return images_.want(key);
}

std::optional<VideoKey> ItemPainter::video_key(const content::VideoItem& item, const SDL_Rect& rect,
                                               Instant slide_start, const RenderPackage* package) {
  if (!package || rect.w <= 0 || rect.h <= 0) return std::nullopt;
  auto file = package->asset_files.find(item.asset);
  auto asset = package->manifest.assets.find(item.asset);
  if (file == package->asset_files.end() || asset == package->manifest.assets.end() || !asset->second.video)
    return std::nullopt;
  const Duration period = item.loop ? asset->second.video->duration : Duration{0};
  return VideoKey{file->second, asset->second.type, rect.w,     rect.h, item.fit,
                  period,       slide_start,        item.volume};
}

std::optional<ImageKey> ItemPainter::image_key(const content::ImageItem& item, const SDL_Rect& rect,
                                               const RenderPackage* package) {
  if (!package) return std::nullopt;
  auto file = package->asset_files.find(item.asset);
  if (file == package->asset_files.end() || rect.w <= 0 || rect.h <= 0) return std::nullopt;
  return ImageKey{file->second, rect.w, rect.h, item.fit};
}

std::string ItemPainter::paint(const content::Item& item, const SDL_Rect& rect, SDL_Surface* dst,
                               const ItemTime& t, const RenderPackage* package) {
  if (rect.w <= 0 || rect.h <= 0) return {};
  std::string problem;
  std::visit(
      [&](const auto& it) {
        using T = std::decay_t<decltype(it)>;
        if constexpr (std::is_same_v<T, content::TextItem>) paint_text(it, rect, dst, t);
        if constexpr (std::is_same_v<T, content::ImageItem>) problem = paint_image(it, rect, dst, package);
        if constexpr (std::is_same_v<T, content::ClockItem>) paint_clock(it, rect, dst, t);
        if constexpr (std::is_same_v<T, content::TickerItem>) paint_ticker(it, rect, dst, t);
        if constexpr (std::is_same_v<T, content::VideoItem>) problem = paint_video(it, rect, dst, t, package);
      },
      item);
  return problem;
}

void ItemPainter::blit_block(const SharedSurface& block, const SDL_Rect& rect, SDL_Surface* dst) {
  if (!block) return;
  SDL_Rect clip = rect;
  SDL_SetClipRect(dst, &clip);
  blend_onto(block.get(), nullptr, dst, rect.x, rect.y);
  SDL_SetClipRect(dst, nullptr);
}

void ItemPainter::paint_text(const content::TextItem& item, const SDL_Rect& rect, SDL_Surface* dst,
                             const ItemTime& t) {
  TextRenderer* text = text_();
  if (!text) return;
  const std::vector<std::string> langs = shown_languages(item.text, settings_.languages);
  if (langs.empty()) return;
  std::vector<WrittenText> paragraphs;
  if (item.presentation == content::LanguagePresentation::cycling) {
    const std::string& lang = langs[cycling_index(t, langs.size())];
    paragraphs.push_back(WrittenText{item.text.at(lang), lang});
  } else {
    paragraphs = texts_of(item.text, langs);
  }
  blit_block(text->render_block(paragraphs, item.style, rect.w, rect.h, t.scale), rect, dst);
}

std::string ItemPainter::paint_image(const content::ImageItem& item, const SDL_Rect& rect, SDL_Surface* dst,
                                     const RenderPackage* package) {
  const std::optional<ImageKey> key = image_key(item, rect, package);
  std::string problem;
  if (!key) {
    problem = "asset '" + item.asset + "': no file for this image";
  } else {
    const std::optional<ImageResult> ready = this->picture(*key);
    if (!ready) {
      pending_.push_back(PendingPicture{item.asset, *key});
      return {};  // the region's background shows until the worker has it
    }
    const ImageResult& picture = *ready;
    if (picture.surface && picture.opaque && picture.surface->w == rect.w && picture.surface->h == rect.h) {
      copy_onto(picture.surface.get(), dst, rect.x, rect.y);  // nothing shows through: a copy, not a blend
      return {};
    }
    if (picture.surface) {
      blit_block(picture.surface, rect, dst);
      return {};
    }
    problem = "asset '" + item.asset + "': " + picture.problem;
  }
  // Not logged here: a slide's broken picture benches the slide, and the bench is the one line
  // (LoadedPackage::bench); an overlay's is logged by its caller.
  return problem;
}

std::optional<SDL_Rect> ItemPainter::video_cover(const content::Item& item, const SDL_Rect& rect,
                                                 const ItemTime& t, const RenderPackage* package) {
  const auto* video = std::get_if<content::VideoItem>(&item);
  const std::optional<VideoKey> key = video ? video_key(*video, rect, t.slide_start, package) : std::nullopt;
  if (!key) return std::nullopt;
  const VideoFrameResult frame = videos_.frame_at(*key, t.now - t.slide_start);
  if (!frame.picture) return std::nullopt;
  const SDL_Rect& p = frame.picture->placed;
  return SDL_Rect{rect.x + p.x, rect.y + p.y, p.w, p.h};
}

std::string ItemPainter::paint_video(const content::VideoItem& item, const SDL_Rect& rect, SDL_Surface* dst,
                                     const ItemTime& t, const RenderPackage* package) {
  const std::optional<VideoKey> key = video_key(item, rect, t.slide_start, package);
  if (!key) {
    const std::string problem = "asset '" + item.asset + "': no file for this video";
    log_(problem);
    return problem;
  }
  const VideoFrameResult frame = videos_.frame_at(*key, t.now - t.slide_start);
  Instant next = Instant::max();
  if (frame.next_start_us) {
    next = t.slide_start + Duration{(*frame.next_start_us + 999) / 1000};
  } else if (!frame.ended) {
    next = t.now;  // a decoder behind: look again at the next frame interval
  }
  if (next_video_frame_.size() > 64) next_video_frame_.clear();  // items of packages long gone
  next_video_frame_[&item] = next;
  if (frame.picture) {
    if (!frame.picture->draw_onto(dst, rect.x, rect.y)) {
      const std::string problem = "asset '" + item.asset + "': a picture cannot be converted for the screen";
      log_(problem);
      return problem;
    }
    // Broken after some pictures: the last good one stays; said once.
    if (!frame.problem.empty())
      log_("asset '" + item.asset + "': " + frame.problem + " (its last good picture stays)");
    return {};
  }
  if (frame.problem.empty()) return {};  // not decoded yet: the region's background shows for now
  const std::string problem = "asset '" + item.asset + "': " + frame.problem;
  log_(problem);
  return problem;
}

void ItemPainter::paint_clock(const content::ClockItem& item, const SDL_Rect& rect, SDL_Surface* dst,
                              const ItemTime& t) {
  TextRenderer* text = text_();
  if (!text) return;
  const std::vector<WrittenText> lines = clock_lines(item, t, settings_);
  if (lines.empty()) return;
  blit_block(text->render_block(lines, item.style, rect.w, rect.h, t.scale), rect, dst);
}

void ItemPainter::paint_ticker(const content::TickerItem& item, const SDL_Rect& rect, SDL_Surface* dst,
                               const ItemTime& t) {
  TextRenderer* text = text_();
  if (!text) return;
  const std::vector<std::string> langs = shown_languages(item.text, settings_.languages);
  if (langs.empty()) return;
  const SharedSurface line = text->render_line(ticker_pieces(item, langs), item.style, rect.h, t.scale);
  if (!line || line->w <= 0) return;
  const int offset = ticker_offset(t.now, item.speed_px_per_s, t.scale, line->w);
  const int y = rect.y + (rect.h - line->h) / 2;
  SDL_Rect clip = rect;
  SDL_SetClipRect(dst, &clip);
  // Copies of the line side by side, the first shifted left by the offset: a seamless loop.
  for (int x = rect.x - offset; x < rect.x + rect.w; x += line->w) blend_onto(line.get(), nullptr, dst, x, y);
  SDL_SetClipRect(dst, nullptr);
}

Instant ItemPainter::next_change(const content::Item& item, const ItemTime& t) const {
  if (std::holds_alternative<content::TickerItem>(item)) return t.now;
  if (const auto* video = std::get_if<content::VideoItem>(&item)) {
    auto next = next_video_frame_.find(video);
    return next == next_video_frame_.end() ? t.now : std::max(next->second, t.now);
  }
  if (const auto* clock = std::get_if<content::ClockItem>(&item)) {
    Instant next = next_boundary(t.now, Duration(60000));  // HH:MM (and the date) change on the minute
    if (clock->show_date && settings_.languages.size() > 1)
      next = std::min(next, next_boundary(t.now, clock_date_period));
    return next;
  }
  if (const auto* text = std::get_if<content::TextItem>(&item); text && is_dynamic(item)) {
    const std::size_t n = shown_languages(text->text, settings_.languages).size();
    if (n <= 1) return Instant::max();
    if (t.slide_duration.count() <= 0) return next_boundary(t.now, overlay_cycle_period);
    const std::int64_t share = std::max<std::int64_t>(1, t.slide_duration.count() / std::int64_t(n));
    const std::int64_t into = ms(t.now) - ms(t.slide_start);
    if (into < 0) return t.slide_start;
    const std::int64_t step = into / share + 1;
    if (step >= std::int64_t(n)) return Instant::max();
    return t.slide_start + Duration(step * share);
  }
  return Instant::max();
}

}  // namespace gatecast::player
