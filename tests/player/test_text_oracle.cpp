// The shaping oracle: for every string of the corpus (Khmer, Lao, Vietnamese, Chinese, Japanese,
// Korean, mixed-script lines), the glyphs gatecast shapes (ids, clusters, advances, offsets) must
// equal what HarfBuzz's own command-line tool, hb-shape, gives for the same font, face, size,
// script and language. Mixed lines must also be cut into the runs written in the corpus. hb-shape
// missing fails the test.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "player/text/shape.hpp"
#include "player/text/text_layout.hpp"
#include "player/text/unicode.hpp"
#include "support/run.hpp"
#include "text_fixture.hpp"
#include "text_oracle_corpus.hpp"

using namespace gatecast;
using player::text::Glyph;

namespace {

constexpr int kSize = 40;  // px; hb-shape gets the same scale in 26.6 units: --font-size=2560

std::string script_tag(std::uint32_t script) {
  char tag[5] = {static_cast<char>(script >> 24), static_cast<char>(script >> 16),
                 static_cast<char>(script >> 8), static_cast<char>(script), 0};
  return tag;
}

// One shaping request to check: a run of gatecast's itemization and what gatecast made of it.
struct Case {
  std::string what;  // the corpus string, for messages
  std::string run_text;
  int font = 0;
  std::string script, language;
  bool bold = false;
  std::vector<Glyph> glyphs;  // clusters relative to the run
};

std::vector<Case> cases_of(player::FontChain& fonts, const std::string& language, const std::string& text,
                           bool bold) {
  std::vector<Case> out;
  const auto analysed = player::text::analyse(
      player::text::Paragraph(player::text::prepare_text(text, fonts), language), fonts);
  for (const auto& run : analysed.runs) {
    Case c;
    c.what = text;
    c.run_text = player::text::encode_utf8(analysed.paragraph.text.substr(run.begin, run.end - run.begin));
    c.font = run.font;
    c.script = script_tag(run.script);
    c.language = run.language;
    c.bold = bold;
    c.glyphs = player::text::shape_run(fonts, analysed.paragraph.text, run, kSize, bold).glyphs;
    for (Glyph& g : c.glyphs) g.cluster -= static_cast<std::uint32_t>(run.begin);
    out.push_back(std::move(c));
  }
  return out;
}

// hb-shape's answers for `cases` that share font, script, language and weight: one run per line.
void check_against_hb_shape(player::FontChain& fonts, const std::vector<Case>& cases) {
  std::map<std::tuple<int, std::string, std::string, bool>, std::vector<const Case*>> groups;
  for (const Case& c : cases) groups[{c.font, c.script, c.language, c.bold}].push_back(&c);
  for (const auto& [key, group] : groups) {
    const auto& [font, script, language, bold] = key;
    const player::FontFace& face = fonts.faces().at(static_cast<std::size_t>(font));
    const bool bold_file = bold && !face.bold.empty();
    std::string input;
    for (const Case* c : group) input += c->run_text + "\n";
    const test::RunResult r =
        test::run({"hb-shape", "--font-file=" + (bold_file ? face.bold : face.regular).string(),
                   "--face-index=" + std::to_string(bold_file ? face.bold_index : face.regular_index),
                   "--script=" + script, "--language=" + (language.empty() ? std::string("und") : language),
                   "--font-size=" + std::to_string(kSize * 64), "--no-glyph-names", "--output-format=json"},
                  input);
    INFO("hb-shape stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    std::istringstream lines(r.out);
    std::string line;
    for (const Case* c : group) {
      REQUIRE(std::getline(lines, line));
      const nlohmann::json expected = nlohmann::json::parse(line);
      INFO("string \"" << c->what << "\", run \"" << c->run_text << "\", script " << script << ", language "
                       << language << ", font " << face.regular.filename().string() << (bold ? " bold" : ""));
      REQUIRE(expected.size() == c->glyphs.size());
      for (std::size_t i = 0; i < c->glyphs.size(); ++i) {
        INFO("glyph " << i);
        CHECK(expected[i]["g"].get<std::uint32_t>() == c->glyphs[i].id);
        CHECK(expected[i]["cl"].get<std::uint32_t>() == c->glyphs[i].cluster);
        CHECK(expected[i]["ax"].get<std::int32_t>() == c->glyphs[i].x_advance);
        CHECK(expected[i]["dx"].get<std::int32_t>() == c->glyphs[i].x_offset);
        CHECK(expected[i]["dy"].get<std::int32_t>() == c->glyphs[i].y_offset);
      }
    }
  }
}

void check_corpus(const std::vector<test::OracleString>& corpus, const std::vector<std::string>& scripts,
                  const std::string& family) {
  player::FontChain& fonts = test::bundled_fonts();
  REQUIRE(corpus.size() >= 30);
  REQUIRE(test::run({"hb-shape", "--version"}).exit_code == 0);  // the oracle must be there
  std::vector<Case> cases;
  for (bool bold : {false, true}) {
    for (const auto& s : corpus) {
      for (Case& c : cases_of(fonts, s.language, s.text, bold)) {
        INFO("string \"" << s.text << "\" run \"" << c.run_text << "\"");
        CHECK(std::find(scripts.begin(), scripts.end(), c.script) != scripts.end());
        if (!family.empty() && c.run_text.find_first_not_of(" 0123456789") != std::string::npos) {
          CHECK(fonts.family(c.font, false).rfind(family, 0) == 0);
        }
        cases.push_back(std::move(c));
      }
    }
  }
  check_against_hb_shape(fonts, cases);
}

}  // namespace

TEST_CASE("Khmer shapes as hb-shape --script=Khmr shapes it", "[text][oracle]") {
  check_corpus(test::kKhmerStrings, {"Khmr"}, "Noto Sans Khmer");
}

TEST_CASE("Lao shapes as hb-shape --script=Laoo shapes it", "[text][oracle]") {
  check_corpus(test::kLaoStrings, {"Laoo"}, "Noto Sans Lao");
}

TEST_CASE("Vietnamese shapes as hb-shape --script=Latn shapes it", "[text][oracle]") {
  check_corpus(test::kVietnameseStrings, {"Latn"}, "Noto Sans");
}

TEST_CASE("Chinese shapes as hb-shape --script=Hani with its own face", "[text][oracle]") {
  check_corpus(test::kChineseStrings, {"Hani"}, "Noto Sans CJK");
}

TEST_CASE("Japanese shapes as hb-shape shapes it, in the JP face", "[text][oracle]") {
  check_corpus(test::kJapaneseStrings, {"Hani", "Hira", "Kana"}, "Noto Sans CJK JP");
}

TEST_CASE("Korean shapes as hb-shape shapes it, in the KR face", "[text][oracle]") {
  check_corpus(test::kKoreanStrings, {"Hang", "Hani"}, "Noto Sans CJK KR");
}

TEST_CASE("Mixed-script lines are cut into the expected runs and each shapes as hb-shape", "[text][oracle]") {
  player::FontChain& fonts = test::bundled_fonts();
  REQUIRE(test::kMixedStrings.size() >= 30);
  REQUIRE(test::run({"hb-shape", "--version"}).exit_code == 0);
  std::vector<Case> cases;
  for (const auto& mixed : test::kMixedStrings) {
    std::string whole;
    for (const auto& run : mixed.runs) whole += run.text;
    std::vector<Case> got = cases_of(fonts, mixed.language, whole, false);
    INFO("string \"" << whole << "\" (" << mixed.language << ")");
    REQUIRE(got.size() == mixed.runs.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      INFO("run " << i);
      CHECK(got[i].run_text == mixed.runs[i].text);
      CHECK(got[i].script == mixed.runs[i].script);
      CHECK(fonts.family(got[i].font, false) == mixed.runs[i].family);
    }
    for (Case& c : got) cases.push_back(std::move(c));
  }
  check_against_hb_shape(fonts, cases);
}

TEST_CASE("A whole line is the runs as shaped alone, end to end", "[text][oracle]") {
  player::FontChain& fonts = test::bundled_fonts();
  player::text::Measurer m(fonts, kSize, false);
  for (const auto& s : test::kKhmerStrings) {
    const auto analysed = player::text::analyse(
        player::text::Paragraph(player::text::prepare_text(s.text, fonts), "km"), fonts);
    const player::text::Line line = m.shape_line(analysed);
    REQUIRE(line.runs.size() == analysed.runs.size());
    std::int64_t advance = 0;
    for (std::size_t i = 0; i < line.runs.size(); ++i) {
      const auto alone =
          player::text::shape_run(fonts, analysed.paragraph.text, analysed.runs[i], kSize, false);
      REQUIRE(line.runs[i].glyphs.size() == alone.glyphs.size());
      advance += alone.advance;
    }
    CHECK(line.width == static_cast<int>((advance + 63) / 64));
  }
}
