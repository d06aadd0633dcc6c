#pragma once
// Text for the screen: a chain of fonts covering Latin/Vietnamese, Chinese (SC), Lao and Khmer,
// per-character-run fallback, HarfBuzz shaping through SDL_ttf, UAX #14 line breaking with the
// Chinese line-start/line-end rules, auto-fit, outline and shadow, and a cache of rasterized
// blocks so that nothing is rasterized twice. docs/text.md tells the whole story.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "content/base/error.hpp"
#include "content/manifest/manifest.hpp"
#include "player/surface/sdl_ptr.hpp"

namespace gatecast::player {

// One font file (a face of it, for collections) in the fallback chain, with its bold sibling
// when there is one.
struct FontFace {
  std::filesystem::path regular;
  long regular_index = 0;
  std::filesystem::path bold;  // empty: use `regular` for bold too
  long bold_index = 0;
};

// The loaded fallback chain: which font draws which code point, and open fonts per size.
// Not thread-safe: one per render thread. Movable, not copyable.
class FontChain {
 public:
  // Bundled fonts from `font_dir` (default GATECAST_FONT_DIR, overridable by the environment
  // variable GATECAST_FONT_DIR), with `extra_first` font files (a package's font assets, in
  // Manifest::fonts.fallback order) tried first. Throws Error(runtime) when a bundled font is
  // missing or unreadable; an unreadable extra font is also an Error(runtime) naming the file.
  static FontChain load(const std::vector<std::filesystem::path>& extra_first = {},
                        std::filesystem::path font_dir = {});

  FontChain(FontChain&&) noexcept;
  FontChain& operator=(FontChain&&) noexcept;
  FontChain(const FontChain&) = delete;
  FontChain& operator=(const FontChain&) = delete;
  ~FontChain();

  // True when some font of the chain has a glyph for `cp` (controls such as '\n' count as
  // covered: they never reach a font).
  [[nodiscard]] bool covers(char32_t cp) const;

  // Index in the chain of the first font with a glyph for `cp`, or -1 when none has one.
  [[nodiscard]] int font_for(char32_t cp) const;

  // The open font `index` of the chain at `size_px` (em size in pixels), bold or regular, with
  // an outline of `outline_px` (0: none). Owned by the chain; valid until the chain is destroyed.
  // Throws Error(runtime) when the font cannot be opened.
  [[nodiscard]] TTF_Font* font(int index, int size_px, bool bold, int outline_px = 0);

  // Closes open fonts when there are many; call between renders, never while holding a font().
  void trim();

  // The bundled Latin/Vietnamese font: every line is at least as tall as it, whatever its script.
  [[nodiscard]] int primary() const { return primary_; }
  [[nodiscard]] int size() const { return static_cast<int>(faces_.size()); }
  [[nodiscard]] const std::vector<FontFace>& faces() const { return faces_; }

 private:
  FontChain() = default;
  std::vector<FontFace> faces_;
  int primary_ = 0;
  // One size-independent handle per face, for coverage queries.
  std::vector<FontPtr> probes_;
  mutable std::map<char32_t, int> coverage_;  // memo of font_for
  std::map<std::tuple<int, int, bool, int>, FontPtr> open_;
};

// Rasterizes text with a FontChain; caches its results. Not thread-safe (one per render thread).
class TextRenderer {
 public:
  explicit TextRenderer(FontChain& fonts);

  // One block of paragraphs (stacked languages = several paragraphs at ONE common size)
  // auto-fitted into `w` x `h` output pixels: the largest size between style.min_size and
  // style.max_size (times `scale`) at which every paragraph, wrapped to `w`, fits in `h`; at
  // min_size it is drawn even if it overflows (clipped). Style sizes, outline and shadow are
  // canvas pixels multiplied by `scale` (canvas -> screen). Returns a `w` x `h` ARGB8888
  // surface with alpha, aligned per style. Cached: the same inputs give the same SharedSurface.
  [[nodiscard]] SharedSurface render_block(const std::vector<std::string>& paragraphs,
                                           const content::TextStyle& style, int w, int h, double scale);

  // One line (no wrapping; line breaks become spaces) at the size whose line box fills
  // `height` px (a ticker strip), clamped to the style's min/max (times `scale`); its natural
  // width. Cached like render_block.
  [[nodiscard]] SharedSurface render_line(const std::string& text, const content::TextStyle& style,
                                          int height, double scale);

  // The size in px render_block would pick for these inputs (for tests and for `pack`), or 0
  // when even min_size does not fit.
  [[nodiscard]] int fit_size(const std::vector<std::string>& paragraphs, const content::TextStyle& style,
                             int w, int h, double scale);

  // Forgets cached surfaces (for a package switch). Surfaces already handed out stay valid.
  void clear_cache();
  // Whether characters no font covers are logged (once each) when left out; `pack` turns this
  // off because it reports them as errors.
  void set_log_missing(bool on) { log_missing_ = on; }
  [[nodiscard]] std::size_t cached_surfaces() const { return cache_.size(); }
  [[nodiscard]] std::size_t cached_bytes() const { return cache_bytes_; }

 private:
  struct CacheEntry {
    SharedSurface surface;
    std::size_t bytes = 0;
    std::uint64_t last_use = 0;
  };
  // Paragraphs as the fonts will see them (NFC, nothing invisible or uncovered); logs once per
  // code point that no font covers.
  std::vector<std::u32string> prepare(const std::vector<std::string>& paragraphs);
  SharedSurface cached(const std::string& key);
  SharedSurface remember(std::string key, SurfacePtr surface);

  FontChain& fonts_;
  std::map<std::string, CacheEntry> cache_;  // key: every input that affects pixels
  std::size_t cache_bytes_ = 0;
  std::uint64_t use_counter_ = 0;
  std::set<char32_t> logged_missing_;
  bool log_missing_ = true;
};

// For `pack`: one Error(rejected) per character no font covers (naming the item and the code
// point) and per text that cannot fit its region at min_size. Walks every TextItem and
// TickerItem of slides and overlays; text items are checked in their region's rect on the layout
// canvas at scale 1: stacked, all `languages` together; cycling, each language alone.
[[nodiscard]] std::vector<Error> check_texts(const content::Manifest& m,
                                             const std::vector<std::string>& languages, FontChain& fonts);

}  // namespace gatecast::player
