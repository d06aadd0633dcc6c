#pragma once
// Text samples shared by the text tests.
#include <string>

namespace gatecast::test {

// Every Vietnamese vowel with every tone, and đ, lower then upper case, precomposed (NFC).
inline const std::u32string kVietnameseNfc =
    U"aàáãảạăằắẵẳặâầấẫẩậeèéẽẻẹêềếễểệiìíĩỉịoòóõỏọôồốỗổộơờớỡởợuùúũủụưừứữửựyỳýỹỷỵđ"
    U"AÀÁÃẢẠĂẰẮẴẲẶÂẦẤẪẨẬEÈÉẼẺẸÊỀẾỄỂỆIÌÍĨỈỊOÒÓÕỎỌÔỒỐỖỔỘƠỜỚỠỞỢUÙÚŨỦỤƯỪỨỮỬỰYỲÝỸỶỴĐ";

// The same letters (one case) built from base letters and combining marks in canonical order
// (NFD), in the order of kVietnameseNfc.
inline std::u32string vietnamese_nfd(bool upper) {
  struct Vowel {
    char32_t base;
    char32_t shape;  // 0: none
  };
  const Vowel vowels[] = {{U'a', 0}, {U'a', 0x0306}, {U'a', 0x0302}, {U'e', 0}, {U'e', 0x0302}, {U'i', 0},
                          {U'o', 0}, {U'o', 0x0302}, {U'o', 0x031B}, {U'u', 0}, {U'u', 0x031B}, {U'y', 0}};
  const char32_t tones[] = {0, 0x0300, 0x0301, 0x0303, 0x0309, 0x0323};
  std::u32string out;
  for (const auto& v : vowels) {
    for (char32_t tone : tones) {
      out.push_back(upper ? v.base - 0x20 : v.base);
      // Canonical order: horn (class 216) and dot below (220) before the marks above (230).
      bool dot = tone == 0x0323;
      bool horn = v.shape == 0x031B;
      if (v.shape && (horn || !dot)) out.push_back(v.shape);
      if (tone) out.push_back(tone);
      if (v.shape && !horn && dot) out.push_back(v.shape);
    }
  }
  out.push_back(upper ? U'Đ' : U'đ');  // đ has no decomposition
  return out;
}

}  // namespace gatecast::test
