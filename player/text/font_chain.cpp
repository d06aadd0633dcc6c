// The fallback chain: bundled Noto fonts (Latin/Vietnamese, CJK SC, Lao, Khmer) after any fonts
// a package brings, per-code-point coverage, and open fonts per size.
#include <string>

#include "player/data/bundled_data.hpp"
#include "player/text/text_renderer.hpp"
#include "player/text/ttf_init.hpp"
#include "player/text/unicode.hpp"

namespace gatecast::player {
namespace {

// Open fonts kept at most; the renderer trims between renders, never during one.
constexpr std::size_t kMaxOpenFonts = 96;
// Size at which coverage probes are opened: coverage does not depend on size.
constexpr int kProbeSize = 16;

FontPtr open_face(const std::filesystem::path& file, long index, int size) {
  text::ensure_ttf();
  FontPtr f(TTF_OpenFontIndex(file.c_str(), size, index));
  if (!f)
    fail_runtime(Reason::unplayable, file.string(),
                 std::string("cannot be opened as a font: ") + TTF_GetError());
  return f;
}

// The face of a collection (.ttc) whose family is `family`, e.g. "Noto Sans CJK SC".
long face_index_of(const std::filesystem::path& file, const std::string& family) {
  FontPtr first = open_face(file, 0, kProbeSize);
  long faces = TTF_FontFaces(first.get());
  for (long i = 0; i < faces; ++i) {
    FontPtr f = open_face(file, i, kProbeSize);
    const char* name = TTF_FontFaceFamilyName(f.get());
    if (name && family == name) return i;
  }
  fail_runtime(Reason::unplayable, file.string(), "has no face of the family " + family);
}

}  // namespace

FontChain::FontChain(FontChain&&) noexcept = default;
FontChain& FontChain::operator=(FontChain&&) noexcept = default;
FontChain::~FontChain() = default;

FontChain FontChain::load(const std::vector<std::filesystem::path>& extra_first,
                          std::filesystem::path font_dir) {
  if (font_dir.empty()) font_dir = bundled_font_dir();
  FontChain chain;
  for (const auto& extra : extra_first) chain.faces_.push_back(FontFace{extra, 0, {}, 0});
  auto bundled = [&](const std::string& regular, const std::string& bold) {
    chain.faces_.push_back(FontFace{font_dir / regular, 0, font_dir / bold, 0});
  };
  chain.primary_ = static_cast<int>(chain.faces_.size());
  bundled("NotoSans-Regular.ttf", "NotoSans-Bold.ttf");
  const std::string cjk_family = "Noto Sans CJK SC";
  FontFace cjk{font_dir / "NotoSansCJK-Regular.ttc", 0, font_dir / "NotoSansCJK-Bold.ttc", 0};
  cjk.regular_index = face_index_of(cjk.regular, cjk_family);
  cjk.bold_index = face_index_of(cjk.bold, cjk_family);
  chain.faces_.push_back(cjk);
  bundled("NotoSansLao-Regular.ttf", "NotoSansLao-Bold.ttf");
  bundled("NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf");

  for (const auto& face : chain.faces_) {
    chain.probes_.push_back(open_face(face.regular, face.regular_index, kProbeSize));
    if (!face.bold.empty())
      (void)open_face(face.bold, face.bold_index, kProbeSize);  // fail at load, not on air
  }
  return chain;
}

int FontChain::font_for(char32_t cp) const {
  if (auto it = coverage_.find(cp); it != coverage_.end()) return it->second;
  int found = -1;
  for (std::size_t i = 0; i < probes_.size() && found < 0; ++i) {
    if (TTF_GlyphIsProvided32(probes_[i].get(), static_cast<Uint32>(cp))) found = static_cast<int>(i);
  }
  coverage_.emplace(cp, found);
  return found;
}

bool FontChain::covers(char32_t cp) const {
  return text::is_line_break(cp) || text::is_invisible(cp) || cp == '\t' || font_for(cp) >= 0;
}

TTF_Font* FontChain::font(int index, int size_px, bool bold, int outline_px) {
  auto key = std::make_tuple(index, size_px, bold, outline_px);
  if (auto it = open_.find(key); it != open_.end()) return it->second.get();
  const FontFace& face = faces_.at(static_cast<std::size_t>(index));
  bool has_bold = bold && !face.bold.empty();
  FontPtr f = open_face(has_bold ? face.bold : face.regular, has_bold ? face.bold_index : face.regular_index,
                        size_px < 1 ? 1 : size_px);
  // A package font without a bold file gets FreeType's emboldening rather than silently light text.
  if (bold && !has_bold) TTF_SetFontStyle(f.get(), TTF_STYLE_BOLD);
  if (outline_px > 0) TTF_SetFontOutline(f.get(), outline_px);
  return open_.emplace(key, std::move(f)).first->second.get();
}

void FontChain::trim() {
  if (open_.size() > kMaxOpenFonts) open_.clear();
}

}  // namespace gatecast::player
