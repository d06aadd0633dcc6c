// `gatecast pack` on the Kon Tum example (Vietnamese, Lao, Khmer, English) and on the same
// folder with a Khmer vowel typed before its consonant: the first packs, the second is refused
// with exit 3, naming the slide, the language, the string and the character; nothing written.
#include <catch2/catch.hpp>

#include <fstream>

#include "support/files.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using gatecast::test::TempDir;

namespace {

const std::filesystem::path kExample = std::filesystem::path(GATECAST_SOURCE_DIR) / "examples" / "kontum-boy";

test::RunResult pack(const std::filesystem::path& src, const std::filesystem::path& root) {
  return test::gatecast(
      {"pack", src.string(), "--out", root.string(), "--channel", "kontum", "--version", "1"});
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("the Kon Tum example packs: its Lao and Khmer shape without a broken cluster", "[pack_text]") {
  TempDir dir("gatecast-pack-text");
  const test::RunResult r = pack(kExample, dir / "root");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(std::filesystem::exists(dir / "root" / "channels" / "kontum" / "manifest.json"));
}

TEST_CASE("pack refuses Khmer that would show a dotted circle, naming where", "[pack_text]") {
  TempDir dir("gatecast-pack-text");
  const std::filesystem::path src = dir / "src";
  std::filesystem::copy(kExample, src, std::filesystem::copy_options::recursive);
  // "ម៉ោងធ្វើការ" with the vowel sign OE (U+17BE) typed after a space, before its consonant.
  const std::string content = test::read_whole(src / "content.json");
  test::write_file(src / "content.json",
                   replaced(content, "\"km\": \"ម៉ោងធ្វើការ\"", "\"km\": \"ម៉ោង \u17BEធ្វការ\""));
  const test::RunResult r = pack(src, dir / "root");
  INFO(r.err);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("gatecast: playlist 'day' slide 3 region 'title' (km): character"));
  CHECK_THAT(r.err, Catch::Contains("character 6 (U+17BE"));
  CHECK_THAT(r.err, Catch::Contains("dotted circle"));
  CHECK_FALSE(std::filesystem::exists(dir / "root" / "channels" / "kontum" / "manifest.json"));
}

TEST_CASE("preview refuses the same broken Khmer, and still draws its sheet", "[pack_text]") {
  TempDir dir("gatecast-pack-text");
  const std::filesystem::path src = dir / "src";
  std::filesystem::copy(kExample, src, std::filesystem::copy_options::recursive);
  const test::RunResult good =
      test::gatecast({"preview", src.string(), "--out", (dir / "good.png").string()});
  INFO(good.err);
  CHECK(good.exit_code == 0);
  const std::string content = test::read_whole(src / "content.json");
  test::write_file(src / "content.json",
                   replaced(content, "\"km\": \"ម៉ោងធ្វើការ\"", "\"km\": \"ម៉ោង \u17BEធ្វការ\""));
  const test::RunResult r = test::gatecast({"preview", src.string(), "--out", (dir / "sheet.png").string()});
  INFO(r.err);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err,
             Catch::Contains("gatecast: playlist 'day' slide 3 region 'title' (km): character 6 (U+17BE"));
  CHECK(std::filesystem::exists(dir / "sheet.png"));
}
