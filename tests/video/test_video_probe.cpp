// pack's probe (content/media/video_probe.hpp) against FFmpeg's own ffprobe on clips made now,
// and its refusals: codecs the screens do not play, too large, too fast, cut short, damaged.
#include <fstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "clips.hpp"
#include "content/base/error.hpp"
#include "content/manifest/media_type.hpp"
#include "content/media/video_probe.hpp"
#include "support/files.hpp"
#include "support/refusal.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using content::AssetType;
using test::ClipSpec;

namespace {

// What ffprobe says of the file's first video stream, counting its frames by decoding.
nlohmann::json ffprobe(const std::filesystem::path& file) {
  const test::RunResult r = test::run(
      {"ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
       "stream=codec_name,profile,width,height,avg_frame_rate,nb_read_frames", "-of", "json", file.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out).at("streams").at(0);
}

double rate_of(const std::string& fraction) {
  const auto slash = fraction.find('/');
  return std::stod(fraction.substr(0, slash)) / std::stod(fraction.substr(slash + 1));
}

AssetType sniffed(const std::filesystem::path& file) {
  const auto type = content::detect_media_type_of_file(file);
  REQUIRE(type);
  return *type;
}

void flip_bytes(const std::filesystem::path& file, std::size_t from, std::size_t count) {
  std::string bytes = test::read_whole(file);
  REQUIRE(from + count < bytes.size());
  for (std::size_t i = from; i < from + count; ++i) bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace

TEST_CASE("video probe: agrees with ffprobe for H.264, HEVC, VP9 and AV1", "[video]") {
  test::TempDir dir;
  struct Case {
    const char* name;
    ClipSpec spec;
    AssetType container;
  };
  const Case cases[] = {
      {"h264.mp4", ClipSpec{320, 180, 30, 2.0, "libx264"}, AssetType::mp4},
      {"hevc.mkv", ClipSpec{320, 180, 25, 1.6, "libx265"}, AssetType::matroska},
      {"vp9.webm", ClipSpec{256, 144, 24, 1.5, "libvpx-vp9"}, AssetType::webm},
      {"av1.mp4", ClipSpec{160, 96, 30, 1.0, "libaom-av1"}, AssetType::mp4},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const auto file = test::make_clip(dir / c.name, c.spec);
    CHECK(sniffed(file) == c.container);
    const content::VideoInfo info = content::probe_video(file, c.container, c.name);
    const nlohmann::json oracle = ffprobe(file);
    CHECK(info.codec == oracle.at("codec_name").get<std::string>());
    if (oracle.contains("profile")) CHECK(info.profile == oracle.at("profile").get<std::string>());
    CHECK(info.width == oracle.at("width").get<int>());
    CHECK(info.height == oracle.at("height").get<int>());
    CHECK(info.frames == std::stoll(oracle.at("nb_read_frames").get<std::string>()));
    CHECK(info.frame_rate == Approx(rate_of(oracle.at("avg_frame_rate").get<std::string>())).epsilon(0.001));
    // Frames times the period: the clip's length as made.
    CHECK(info.frames == static_cast<std::int64_t>(c.spec.seconds * c.spec.fps + 0.5));
    // (WebM keeps milliseconds: 24 frames/s end at 1.499 s, not 1.5.)
    CHECK(std::abs(info.duration.count() - info.frames * 1000 / c.spec.fps) <= 1);
  }
}

TEST_CASE("video probe: refuses codecs the screens do not play", "[video]") {
  test::TempDir dir;
  const auto file = test::make_clip(dir / "old.mp4", ClipSpec{320, 180, 30, 0.5, "mpeg4"});
  CHECK_THROWS_MATCHES(content::probe_video(file, AssetType::mp4, "old.mp4"), Error,
                       test::Refused(Reason::unplayable).about("old.mp4"));
}

TEST_CASE("video probe: refuses more than 3840x2160 and more than 60 frames per second", "[video]") {
  test::TempDir dir;
  const auto wide = test::make_clip(dir / "wide.mp4", ClipSpec{3856, 64, 30, 0.2, "libx264"});
  CHECK_THROWS_MATCHES(content::probe_video(wide, AssetType::mp4, "wide.mp4"), Error,
                       test::Refused(Reason::limit).about("wide.mp4"));
  const auto fast = test::make_clip(dir / "fast.mp4", ClipSpec{160, 90, 90, 0.5, "libx264"});
  CHECK_THROWS_MATCHES(content::probe_video(fast, AssetType::mp4, "fast.mp4"), Error,
                       test::Refused(Reason::limit).about("fast.mp4"));
  // At the limits exactly: accepted.
  const auto sixty = test::make_clip(dir / "sixty.mp4", ClipSpec{160, 90, 60, 0.5, "libx264"});
  CHECK(content::probe_video(sixty, AssetType::mp4, "sixty.mp4").frame_rate == Approx(60));
}

TEST_CASE("video probe: refuses a clip cut short, damaged mid-stream, or not what it says", "[video]") {
  test::TempDir dir;
  const ClipSpec spec{320, 180, 30, 3.0, "libx264", 15, {"-movflags", "+faststart"}};
  const auto whole = test::make_clip(dir / "whole.mp4", spec);
  const std::string bytes = test::read_whole(whole);

  SECTION("cut in half: its index promises 3 s") {
    std::ofstream(dir / "cut.mp4", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    CHECK_THROWS_MATCHES(content::probe_video(dir / "cut.mp4", AssetType::mp4, "cut.mp4"), Error,
                         test::Refused(Reason::unplayable).about("cut.mp4"));
  }
  SECTION("cut without faststart: no index at all") {
    const auto plain = test::make_clip(dir / "plain.mp4", ClipSpec{320, 180, 30, 3.0});
    const std::string b = test::read_whole(plain);
    std::ofstream(dir / "cut.mp4", std::ios::binary) << b.substr(0, b.size() * 2 / 3);
    CHECK_THROWS_MATCHES(content::probe_video(dir / "cut.mp4", AssetType::mp4, "cut.mp4"), Error,
                         test::Refused(Reason::unplayable).about("cut.mp4"));
  }
  SECTION("bytes flipped in the middle of the stream") {
    std::ofstream(dir / "flipped.mp4", std::ios::binary) << bytes;
    flip_bytes(dir / "flipped.mp4", bytes.size() / 2, 64);
    CHECK_THROWS_MATCHES(content::probe_video(dir / "flipped.mp4", AssetType::mp4, "flipped.mp4"), Error,
                         test::Refused(Reason::unplayable).about("flipped.mp4"));
  }
  SECTION("Matroska bytes opened as MP4, and the other way round") {
    const auto mkv = test::make_clip(dir / "c.mkv", ClipSpec{160, 90, 30, 0.5});
    CHECK_THROWS_MATCHES(content::probe_video(mkv, AssetType::mp4, "c.mkv"), Error,
                         test::Refused(Reason::unplayable));
    CHECK_THROWS_MATCHES(content::probe_video(whole, AssetType::matroska, "whole.mp4"), Error,
                         test::Refused(Reason::unplayable));
  }
  SECTION("an MP4 header over garbage, and an empty-looking file") {
    std::ofstream(dir / "junk.mp4", std::ios::binary) << bytes.substr(0, 32) << std::string(4096, '\x07');
    CHECK_THROWS_MATCHES(content::probe_video(dir / "junk.mp4", AssetType::mp4, "junk.mp4"), Error,
                         test::Refused(Reason::unplayable));
    std::ofstream(dir / "tiny.mp4", std::ios::binary) << std::string(
        "\0\0\0\x08"
        "ftyp",
        8);
    CHECK_THROWS_MATCHES(content::probe_video(dir / "tiny.mp4", AssetType::mp4, "tiny.mp4"), Error,
                         test::Refused(Reason::unplayable));
  }
  SECTION("an audio-only file has no picture") {
    const test::RunResult r = test::run({"ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                                         "sine=d=0.5", "-c:a", "aac", (dir / "sound.mp4").string()});
    REQUIRE(r.exit_code == 0);
    CHECK_THROWS_MATCHES(content::probe_video(dir / "sound.mp4", AssetType::mp4, "sound.mp4"), Error,
                         test::Refused(Reason::unplayable));
  }
}

TEST_CASE("media type: MP4, Matroska and WebM by their bytes and names", "[video]") {
  using namespace std::string_view_literals;
  CHECK(content::detect_media_type("\0\0\0\x20"
                                   "ftypisom\0\0\x02\0"sv) == AssetType::mp4);
  CHECK(content::detect_media_type("\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm"sv) ==
        AssetType::webm);
  CHECK(content::detect_media_type("\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\x82\x88matroska"sv) ==
        AssetType::matroska);
  CHECK_FALSE(content::detect_media_type("\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01"sv));  // no DocType
  CHECK_FALSE(content::detect_media_type("\x1a\x45\xdf\xa3\x9f\x42\x82\x84webx"sv));  // another DocType
  CHECK_FALSE(content::detect_media_type("\x1a\x45\xdf\xa3\x42\x82"sv));              // cut short
  CHECK(content::extension_fits(AssetType::mp4, "a.MP4"));
  CHECK(content::extension_fits(AssetType::mp4, "a.m4v"));
  CHECK(content::extension_fits(AssetType::webm, "a.webm"));
  CHECK(content::extension_fits(AssetType::matroska, "a.mkv"));
  CHECK_FALSE(content::extension_fits(AssetType::matroska, "a.webm"));
  CHECK_FALSE(content::extension_fits(AssetType::mp4, "a.mkv"));
  for (const AssetType t : content::all_asset_types)
    CHECK(content::parse_media_type_name(content::media_type_name(t)) == t);
  CHECK(content::is_video(AssetType::webm));
  CHECK_FALSE(content::is_video(AssetType::png));
}
