#pragma once
// Text for the screen, one pipeline: UTF-8 decoded once to code points, itemized into runs of
// one script, language and font (a chain covering Latin/Vietnamese, CJK per language, Lao and
// Khmer), each run shaped by HarfBuzz with its script and language, lines broken where ICU's line
// breaker allows (dictionary word boundaries for Khmer, Lao and Thai), laid out, auto-fitted and
// rasterized by FreeType with outline and shadow; a cache of rasterized blocks so that nothing
// is rasterized twice. docs/text.md tells the whole story.
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
#include "player/text/font_chain.hpp"
#include "player/text/itemize.hpp"

namespace gatecast::player {

// Words as written, with the language key they were written under ("vi", "km", "ja", ...; ""
// when unknown): the language picks the shaping rules, the CJK face and the line breaker.
struct WrittenText {
  std::string text;
  std::string language;
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
  [[nodiscard]] SharedSurface render_block(const std::vector<WrittenText>& paragraphs,
                                           const content::TextStyle& style, int w, int h, double scale);
  // The same, language unknown (script alone decides; Han gets the Simplified Chinese face).
  [[nodiscard]] SharedSurface render_block(const std::vector<std::string>& paragraphs,
                                           const content::TextStyle& style, int w, int h, double scale);

  // One line (no wrapping; line breaks become spaces) at the size whose line box fills
  // `height` px (a ticker strip), clamped to the style's min/max (times `scale`); its natural
  // width. Cached like render_block.
  // `pieces` are joined on the line, each shaped and broken in its own language.
  [[nodiscard]] SharedSurface render_line(const std::vector<WrittenText>& pieces,
                                          const content::TextStyle& style, int height, double scale);
  [[nodiscard]] SharedSurface render_line(const std::string& text, const content::TextStyle& style,
                                          int height, double scale);

  // The size in px render_block would pick for these inputs (for tests and for `pack`), or 0
  // when even min_size does not fit.
  [[nodiscard]] int fit_size(const std::vector<WrittenText>& paragraphs, const content::TextStyle& style,
                             int w, int h, double scale);
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
  // Paragraphs as the fonts will see them (NFC, nothing invisible or uncovered) with their
  // languages; logs once per code point that no font covers.
  std::vector<text::Paragraph> prepare(const std::vector<WrittenText>& paragraphs);
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

// For `preview`: only what would be drawn wrong (characters in no font, broken clusters, missing
// glyphs), not whether text fits; the same errors as check_texts gives for those.
[[nodiscard]] std::vector<Error> check_text_drawing(const content::Manifest& m, FontChain& fonts);

}  // namespace gatecast::player
