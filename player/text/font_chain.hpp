#pragma once
// The fonts text is drawn with: a chain of faces (a package's fonts first, then the bundled Noto
// Sans, Noto Sans CJK, Lao and Khmer), which face draws which code point in which language, and
// each face opened at a size for HarfBuzz (shaping) and FreeType (glyph pictures).
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct hb_font_t;
struct FT_FaceRec_;

namespace gatecast::player {

// One font file (a face of it, for collections) in the fallback chain, with its bold sibling
// when there is one.
struct FontFace {
  std::filesystem::path regular;
  long regular_index = 0;
  std::filesystem::path bold;  // empty: use `regular` for bold too
  long bold_index = 0;
};

// A face of the chain opened at one em size in pixels, regular or bold.
struct SizedFont {
  hb_font_t* hb = nullptr;      // scale: size x 64 (26.6 pixels), OpenType font functions
  FT_FaceRec_* ft = nullptr;    // set to the same size, for glyph outlines
  bool synthetic_bold = false;  // no bold file: FreeType emboldens the outlines
  int size = 0;
  int ascent = 0;                   // px above the baseline, rounded up
  int descent = 0;                  // px below the baseline, positive, rounded up
  std::uint32_t dotted_circle = 0;  // the glyph of U+25CC, 0 when the font has none
};

// The loaded fallback chain. Not thread-safe: one per render thread. Movable, not copyable.
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

  // The same for text written in `language` (BCP 47, e.g. "ja", "zh-TW"): Han, kana and hangul
  // come from the Noto CJK face made for that language (JP, KR, TC; SC for anything else), so
  // that each language gets its own glyph forms.
  [[nodiscard]] int font_for(char32_t cp, std::string_view language) const;

  // Whether font `index` has a glyph for `cp`.
  [[nodiscard]] bool has_glyph(int index, char32_t cp) const;

  // Font `index` at `size_px`, bold or regular. Owned by the chain; valid until trim() or the
  // chain's end. Throws Error(runtime) when the font cannot be opened.
  [[nodiscard]] const SizedFont& font(int index, int size_px, bool bold);

  // Closes sized fonts when there are many; call between renders, never while holding a font().
  void trim();

  // The bundled Latin/Vietnamese font: every line is at least as tall as it, whatever its script.
  [[nodiscard]] int primary() const { return primary_; }
  [[nodiscard]] int size() const { return static_cast<int>(faces_.size()); }
  [[nodiscard]] const std::vector<FontFace>& faces() const { return faces_; }
  // The family name of face `index` (regular or bold file), as the font names itself.
  [[nodiscard]] std::string family(int index, bool bold) const;
  [[nodiscard]] std::string style_name(int index, bool bold) const;

 private:
  // FreeType, HarfBuzz faces, probes and sized fonts: owned together, so that a moved chain
  // frees them once.
  struct Library;
  FontChain();

  std::unique_ptr<Library> lib_;
  std::vector<FontFace> faces_;
  int primary_ = 0;
  int cjk_ = -1;                              // the SC face: the chain's Han font
  std::map<std::string, int> cjk_by_lang_;    // "ja" -> the JP face, ...
  mutable std::map<char32_t, int> coverage_;  // memo of font_for
};

}  // namespace gatecast::player
