// The fallback chain: bundled Noto fonts (Latin/Vietnamese, CJK, Lao, Khmer) after any fonts a
// package brings, per-code-point coverage, per-language CJK faces, and fonts opened per size.
#include "player/text/font_chain.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "content/base/error.hpp"
#include "player/data/bundled_data.hpp"
#include "player/text/unicode.hpp"

namespace gatecast::player {
namespace {

// Sized fonts kept at most; the renderer trims between renders, never during one.
constexpr std::size_t kMaxOpenFonts = 96;

// The bundled CJK collection's face for each language that has its own glyph forms; the key is
// the language subtag (or language-script/region) that selects it.
struct CjkFace {
  const char* family;
  std::vector<const char*> languages;
};
const std::vector<CjkFace>& cjk_language_faces() {
  static const std::vector<CjkFace> faces = {
      {"Noto Sans CJK JP", {"ja"}},
      {"Noto Sans CJK KR", {"ko"}},
      {"Noto Sans CJK TC", {"zh-tw", "zh-hant", "zh-mo"}},
      {"Noto Sans CJK HK", {"zh-hk"}},
  };
  return faces;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '_') c = '-';
  }
  return out;
}

}  // namespace

struct FontChain::Library {
  FT_Library ft = nullptr;
  std::map<std::string, hb_blob_t*> blobs;  // file -> its bytes, shared by a collection's faces
  std::map<std::pair<int, bool>, hb_face_t*> hb_faces;
  std::vector<hb_font_t*> probes;  // per face of the chain, regular, for coverage
  std::map<std::tuple<int, int, bool>, SizedFont> open;

  Library() {
    if (FT_Init_FreeType(&ft) != 0) fail_runtime(Reason::unplayable, "FreeType", "cannot be initialised");
  }
  ~Library() {
    close_sized();
    for (hb_font_t* f : probes) hb_font_destroy(f);
    for (auto& [key, face] : hb_faces) hb_face_destroy(face);
    for (auto& [file, blob] : blobs) hb_blob_destroy(blob);
    FT_Done_FreeType(ft);
  }
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;

  void close_sized() {
    for (auto& [key, f] : open) {
      hb_font_destroy(f.hb);
      FT_Done_Face(f.ft);
    }
    open.clear();
  }

  hb_blob_t* blob(const std::filesystem::path& file) {
    if (auto it = blobs.find(file.string()); it != blobs.end()) return it->second;
    hb_blob_t* b = hb_blob_create_from_file_or_fail(file.c_str());
    if (!b || hb_blob_get_length(b) == 0) {
      hb_blob_destroy(b);
      fail_runtime(Reason::unplayable, file.string(), "cannot be read as a font");
    }
    return blobs.emplace(file.string(), b).first->second;
  }

  hb_face_t* face(const std::filesystem::path& file, long index) {
    hb_blob_t* b = blob(file);
    if (index < 0 || static_cast<unsigned>(index) >= hb_face_count(b)) {
      fail_runtime(Reason::unplayable, file.string(), "has no font face " + std::to_string(index));
    }
    hb_face_t* f = hb_face_create(b, static_cast<unsigned>(index));
    if (hb_face_get_glyph_count(f) == 0) {
      hb_face_destroy(f);
      fail_runtime(Reason::unplayable, file.string(), "cannot be opened as a font (no glyphs)");
    }
    return f;
  }

  FT_Face ft_face(const std::filesystem::path& file, long index) {
    FT_Face f = nullptr;
    if (FT_New_Face(ft, file.c_str(), index, &f) != 0)
      fail_runtime(Reason::unplayable, file.string(), "cannot be opened as a font");
    if (!FT_IS_SCALABLE(f)) {
      FT_Done_Face(f);
      fail_runtime(Reason::unplayable, file.string(), "is not a scalable (outline) font");
    }
    return f;
  }

  // The face of a collection (.ttc) whose family is `family`, e.g. "Noto Sans CJK SC".
  long face_index_of(const std::filesystem::path& file, const std::string& family) {
    FT_Face first = ft_face(file, 0);
    long faces = first->num_faces;
    FT_Done_Face(first);
    for (long i = 0; i < faces; ++i) {
      FT_Face f = ft_face(file, i);
      bool match = f->family_name && family == f->family_name;
      FT_Done_Face(f);
      if (match) return i;
    }
    fail_runtime(Reason::unplayable, file.string(), "has no face of the family " + family);
  }
};

FontChain::FontChain() : lib_(std::make_unique<Library>()) {}
FontChain::FontChain(FontChain&&) noexcept = default;
FontChain& FontChain::operator=(FontChain&&) noexcept = default;
FontChain::~FontChain() = default;

FontChain FontChain::load(const std::vector<std::filesystem::path>& extra_first,
                          std::filesystem::path font_dir) {
  if (font_dir.empty()) font_dir = bundled_font_dir();
  FontChain chain;
  Library& lib = *chain.lib_;
  for (const auto& extra : extra_first) chain.faces_.push_back(FontFace{extra, 0, {}, 0});
  auto bundled = [&](const std::string& regular, const std::string& bold) {
    chain.faces_.push_back(FontFace{font_dir / regular, 0, font_dir / bold, 0});
  };
  auto cjk = [&](const std::string& family) {
    FontFace face{font_dir / "NotoSansCJK-Regular.ttc", 0, font_dir / "NotoSansCJK-Bold.ttc", 0};
    face.regular_index = lib.face_index_of(face.regular, family);
    face.bold_index = lib.face_index_of(face.bold, family);
    chain.faces_.push_back(face);
  };
  chain.primary_ = static_cast<int>(chain.faces_.size());
  bundled("NotoSans-Regular.ttf", "NotoSans-Bold.ttf");
  chain.cjk_ = static_cast<int>(chain.faces_.size());
  cjk("Noto Sans CJK SC");
  bundled("NotoSansLao-Regular.ttf", "NotoSansLao-Bold.ttf");
  bundled("NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf");
  // The other CJK faces come last: they are chosen by language, never by coverage.
  for (const CjkFace& face : cjk_language_faces()) {
    for (const char* language : face.languages)
      chain.cjk_by_lang_[language] = static_cast<int>(chain.faces_.size());
    cjk(face.family);
  }

  for (std::size_t i = 0; i < chain.faces_.size(); ++i) {
    const FontFace& face = chain.faces_[i];
    hb_face_t* regular = lib.face(face.regular, face.regular_index);
    lib.hb_faces[{static_cast<int>(i), false}] = regular;
    hb_font_t* probe = hb_font_create(regular);
    hb_ot_font_set_funcs(probe);
    lib.probes.push_back(probe);
    if (!face.bold.empty()) lib.hb_faces[{static_cast<int>(i), true}] = lib.face(face.bold, face.bold_index);
  }
  return chain;
}

bool FontChain::has_glyph(int index, char32_t cp) const {
  hb_codepoint_t glyph = 0;
  return hb_font_get_nominal_glyph(lib_->probes.at(static_cast<std::size_t>(index)), cp, &glyph) != 0;
}

int FontChain::font_for(char32_t cp) const {
  if (auto it = coverage_.find(cp); it != coverage_.end()) return it->second;
  int found = -1;
  // The SC face's siblings, last in the chain, take no part in coverage: they are chosen by language.
  int last = size();
  for (const auto& [language, index] : cjk_by_lang_) last = std::min(last, index);
  for (int i = 0; i < last && found < 0; ++i) {
    if (has_glyph(i, cp)) found = i;
  }
  coverage_.emplace(cp, found);
  return found;
}

int FontChain::font_for(char32_t cp, std::string_view language) const {
  int found = font_for(cp);
  if (found != cjk_ || language.empty()) return found;
  std::string tag = lower(language);
  // "zh-Hant-TW" matches "zh-hant", "ja-JP" matches "ja": the longest known prefix wins.
  for (std::string prefix = tag;;) {
    if (auto it = cjk_by_lang_.find(prefix); it != cjk_by_lang_.end()) {
      return has_glyph(it->second, cp) ? it->second : found;
    }
    std::size_t dash = prefix.rfind('-');
    if (dash == std::string::npos) return found;
    prefix.resize(dash);
  }
}

bool FontChain::covers(char32_t cp) const {
  return text::is_line_break(cp) || text::is_invisible(cp) || cp == '\t' || font_for(cp) >= 0;
}

const SizedFont& FontChain::font(int index, int size_px, bool bold) {
  if (size_px < 1) size_px = 1;
  auto key = std::make_tuple(index, size_px, bold);
  if (auto it = lib_->open.find(key); it != lib_->open.end()) return it->second;
  const FontFace& face = faces_.at(static_cast<std::size_t>(index));
  const bool has_bold = bold && !face.bold.empty();
  SizedFont f;
  f.size = size_px;
  // A package font without a bold file gets FreeType's emboldening rather than silently light text.
  f.synthetic_bold = bold && !has_bold;
  f.hb = hb_font_create(lib_->hb_faces.at({index, has_bold}));
  hb_ot_font_set_funcs(f.hb);
  hb_font_set_scale(f.hb, size_px * 64, size_px * 64);
  hb_font_set_ppem(f.hb, static_cast<unsigned>(size_px), static_cast<unsigned>(size_px));
  f.ft = lib_->ft_face(has_bold ? face.bold : face.regular, has_bold ? face.bold_index : face.regular_index);
  if (FT_Set_Pixel_Sizes(f.ft, 0, static_cast<FT_UInt>(size_px)) != 0) {
    hb_font_destroy(f.hb);
    FT_Done_Face(f.ft);
    fail_runtime(Reason::unplayable, face.regular.string(),
                 "cannot be set to " + std::to_string(size_px) + " px");
  }
  hb_font_extents_t extents{};
  hb_font_get_h_extents(f.hb, &extents);
  f.ascent = static_cast<int>(std::ceil(extents.ascender / 64.0));
  f.descent = static_cast<int>(std::ceil(-extents.descender / 64.0));
  hb_codepoint_t circle = 0;
  if (hb_font_get_nominal_glyph(f.hb, 0x25CC, &circle)) f.dotted_circle = circle;
  return lib_->open.emplace(key, f).first->second;
}

void FontChain::trim() {
  if (lib_->open.size() > kMaxOpenFonts) lib_->close_sized();
}

std::string FontChain::family(int index, bool bold) const {
  const FontFace& face = faces_.at(static_cast<std::size_t>(index));
  const bool has_bold = bold && !face.bold.empty();
  FT_Face f =
      lib_->ft_face(has_bold ? face.bold : face.regular, has_bold ? face.bold_index : face.regular_index);
  std::string name = f->family_name ? f->family_name : "";
  FT_Done_Face(f);
  return name;
}

std::string FontChain::style_name(int index, bool bold) const {
  const FontFace& face = faces_.at(static_cast<std::size_t>(index));
  const bool has_bold = bold && !face.bold.empty();
  FT_Face f =
      lib_->ft_face(has_bold ? face.bold : face.regular, has_bold ? face.bold_index : face.regular_index);
  std::string name = f->style_name ? f->style_name : "";
  FT_Done_Face(f);
  return name;
}

}  // namespace gatecast::player
