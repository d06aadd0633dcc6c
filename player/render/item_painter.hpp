#pragma once
// Draws one item (text, image, clock, ticker) into its rectangle on a surface, at an instant.
// Rasterized text comes from TextRenderer's cache and pictures from the ImageCache, so a
// frame only blits. Items that move or change with time ("dynamic": cycling text, clocks,
// tickers) are drawn every frame above a cached base holding everything else.
#include <SDL2/SDL.h>
#include <functional>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "content/manifest/manifest.hpp"
#include "player/images/image_cache.hpp"
#include "player/render/frame_request.hpp"
#include "player/surface/log_once.hpp"
#include "player/text/text_renderer.hpp"
#include "player/video/video_frames.hpp"

namespace gatecast::player {

// When an item is drawn: the instant, and the stretch of the slide that shows it (cycling
// text shares the slide's duration among the languages). Overlays and the idle screen have no
// slide: they cycle on a fixed period counted from the epoch, so they do not jump at each
// slide change.
struct ItemTime {
  Instant now;
  Instant slide_start;
  Duration slide_duration{0};  // 0 = not bound to a slide
  double scale = 1.0;          // output px per canvas px
};

inline constexpr Duration overlay_cycle_period{6000};  // one language of an overlay's text
inline constexpr Duration clock_date_period{5000};     // one language of a clock's date

// Which of `text`'s languages show, in the site's order; when none of the site's languages is
// there, every language the item has (a text is never silently dropped).
[[nodiscard]] std::vector<std::string> shown_languages(const content::LocalizedText& text,
                                                       const std::vector<std::string>& site_languages);

// The index in [0, count) of the language a cycling presentation shows at `t`. count > 0.
[[nodiscard]] std::size_t cycling_index(const ItemTime& t, std::size_t count);

// The ticker's scroll offset in output px, in [0, loop_width): a function of the instant
// alone, so a frame is the same whatever frames came before it. speed in canvas px/s.
[[nodiscard]] int ticker_offset(Instant now, double speed_px_per_s, double scale, int loop_width);

// The ticker's one line: every shown language joined by the separator, ending with one too
// so that the loop's seam looks like any other gap.
[[nodiscard]] std::string ticker_line(const content::TickerItem& item,
                                      const std::vector<std::string>& languages);
// The same pieces, each with its language, as the renderer shapes them.
[[nodiscard]] std::vector<WrittenText> ticker_pieces(const content::TickerItem& item,
                                                     const std::vector<std::string>& languages);

[[nodiscard]] bool is_dynamic(const content::Item& item);

// A picture a live paint() went without, because the image worker has not decoded it yet: its
// region showed its background.
struct PendingPicture {
  std::string asset;
  ImageKey key;
};

class ItemPainter {
 public:
  // `text` may be null (no fonts could be loaded): text items then draw nothing. `timing`:
  // exact waits for every picture (decoded on this thread when no one has); live never does.
  ItemPainter(const RenderSettings& settings, std::function<TextRenderer*()> text, ImageCache& images,
              VideoFrames& videos, VideoTiming timing = VideoTiming::exact);

  // Draws `item` clipped to `rect` of `dst`. Images come from `package`'s files; a picture
  // that fails to decode leaves its region's background showing, and its problem is returned
  // ("asset 'logo': ...", not logged here: the caller benches or logs); empty when all went
  // well. With live timing
  // a picture not decoded yet also leaves the background, is queued on the image worker, and
  // is listed for take_pending(). Render thread.
  std::string paint(const content::Item& item, const SDL_Rect& rect, SDL_Surface* dst, const ItemTime& t,
                    const RenderPackage* package);

  // The next instant after t.now at which the item's picture changes: t.now itself for a
  // ticker (every frame), a video's next frame (as its last paint() found it), Instant::max()
  // for a static item.
  [[nodiscard]] Instant next_change(const content::Item& item, const ItemTime& t) const;

  // The cache key of an image item shown in `rect`; nullopt when the asset has no file.
  [[nodiscard]] static std::optional<ImageKey> image_key(const content::ImageItem& item, const SDL_Rect& rect,
                                                         const RenderPackage* package);

  // The stream key of a video item shown in `rect` for the showing of its slide that began at
  // `slide_start`; nullopt when the asset has no file or is not a probed video.
  [[nodiscard]] static std::optional<VideoKey> video_key(const content::VideoItem& item, const SDL_Rect& rect,
                                                         Instant slide_start, const RenderPackage* package);

  // Where `item` will lie in `rect` at `t` when it is a video with a picture to show: a picture
  // covers every pixel there, so nothing under it needs drawing. nullopt for anything else.
  [[nodiscard]] std::optional<SDL_Rect> video_cover(const content::Item& item, const SDL_Rect& rect,
                                                    const ItemTime& t, const RenderPackage* package);

  // The pictures paint() went without since the last call. Render thread.
  [[nodiscard]] std::vector<PendingPicture> take_pending() { return std::exchange(pending_, {}); }

  // The picture for `key`: from the cache, decoded here when no one has (exact timing), or
  // nullopt while the worker has not finished it (live timing; it is then queued, and the
  // cache's ready callback says when it is done).
  [[nodiscard]] std::optional<ImageResult> picture(const ImageKey& key);

  [[nodiscard]] ImageCache& images() { return images_; }
  [[nodiscard]] VideoFrames& videos() { return videos_; }

 private:
  void paint_text(const content::TextItem& item, const SDL_Rect& rect, SDL_Surface* dst, const ItemTime& t);
  std::string paint_image(const content::ImageItem& item, const SDL_Rect& rect, SDL_Surface* dst,
                          const RenderPackage* package);
  // The picture of the video at t.now - t.slide_start; a video that broke keeps its last good
  // picture (logged once); one that shows nothing at all returns its problem (the slide is
  // benched).
  std::string paint_video(const content::VideoItem& item, const SDL_Rect& rect, SDL_Surface* dst,
                          const ItemTime& t, const RenderPackage* package);
  void paint_clock(const content::ClockItem& item, const SDL_Rect& rect, SDL_Surface* dst, const ItemTime& t);
  void paint_ticker(const content::TickerItem& item, const SDL_Rect& rect, SDL_Surface* dst,
                    const ItemTime& t);
  void blit_block(const SharedSurface& block, const SDL_Rect& rect, SDL_Surface* dst);

  const RenderSettings& settings_;
  std::function<TextRenderer*()> text_;  // null when no fonts could be loaded
  ImageCache& images_;
  VideoFrames& videos_;
  const VideoTiming timing_;
  std::vector<PendingPicture> pending_;
  LogOnce log_;  // a broken video is logged once, not per frame
  // Each video item's next frame, as its last paint found it (next_change() answers from it).
  std::map<const content::VideoItem*, Instant> next_video_frame_;
};

}  // namespace gatecast::player
