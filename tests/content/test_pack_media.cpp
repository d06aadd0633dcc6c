// The pieces pack builds on: media types from magic bytes, and the publish tree's paths.
#include <catch2/catch.hpp>

#include "content/base/error.hpp"
#include "content/base/publish_tree.hpp"
#include "content/manifest/manifest_json.hpp"
#include "content/manifest/media_type.hpp"
#include "pack_fixture.hpp"
#include "support/refusal.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast::content;
using namespace std::string_view_literals;

TEST_CASE("media type: detected from the first bytes", "[pack]") {
  CHECK(detect_media_type("\x89PNG\r\n\x1a\nrest"sv) == AssetType::png);
  CHECK(detect_media_type("\xff\xd8\xff\xe1"sv) == AssetType::jpeg);
  CHECK(detect_media_type("RIFF\x10\x00\x00\x00WEBPVP8 "sv) == AssetType::webp);
  CHECK(detect_media_type("\x00\x01\x00\x00\x00\x10"sv) == AssetType::font_ttf);
  CHECK(detect_media_type("true\x00\x10"sv) == AssetType::font_ttf);
  CHECK(detect_media_type("OTTO\x00\x0a"sv) == AssetType::font_otf);
  // Near misses and other formats.
  CHECK_FALSE(detect_media_type("\x89PNG\r\n\x1a"sv));  // cut signature
  CHECK_FALSE(detect_media_type("RIFF\x10\x00\x00\x00WAVEfmt "sv));
  CHECK_FALSE(detect_media_type("GIF89a"sv));
  CHECK_FALSE(detect_media_type("BM"sv));
  CHECK_FALSE(detect_media_type("<svg"sv));
  CHECK_FALSE(detect_media_type("ttcf\x00\x01"sv));  // font collections are not packed
  CHECK_FALSE(detect_media_type(""sv));
}

TEST_CASE("media type: names and extensions", "[pack]") {
  for (const AssetType t :
       {AssetType::png, AssetType::jpeg, AssetType::webp, AssetType::font_ttf, AssetType::font_otf}) {
    CHECK(parse_media_type_name(media_type_name(t)) == t);
  }
  CHECK_FALSE(parse_media_type_name("image/PNG"));
  CHECK_FALSE(parse_media_type_name("image/png "));
  CHECK(extension_fits(AssetType::jpeg, "a/b.JPG"));
  CHECK(extension_fits(AssetType::jpeg, "b.jpeg"));
  CHECK(extension_fits(AssetType::png, "b.Png"));
  CHECK_FALSE(extension_fits(AssetType::png, "b.jpg"));
  CHECK_FALSE(extension_fits(AssetType::png, "png"));
  CHECK_FALSE(extension_fits(AssetType::font_otf, "f.ttf"));
  CHECK(is_image(AssetType::webp));
  CHECK_FALSE(is_image(AssetType::font_ttf));
  CHECK(is_font(AssetType::font_otf));
}

TEST_CASE("media type: of a file", "[pack]") {
  gatecast::test::TempDir dir;
  gatecast::test::write_bytes(dir / "x.png", gatecast::test::fake_png());
  gatecast::test::write_bytes(dir / "short", "\xff");
  CHECK(detect_media_type_of_file(dir / "x.png") == AssetType::png);
  CHECK_FALSE(detect_media_type_of_file(dir / "short"));
  CHECK_THROWS_MATCHES(detect_media_type_of_file(dir / "missing"), gatecast::Error,
                       gatecast::test::Failed(gatecast::Reason::io));
}

TEST_CASE("publish tree: paths and channel names", "[pack]") {
  const std::string hash(64, 'a');
  CHECK(manifest_relpath("langson") == "channels/langson/manifest.json");
  CHECK(signature_relpath("langson") == "channels/langson/manifest.json.minisig");
  CHECK(blob_relpath(hash) == "blobs/" + hash);
  CHECK(manifest_path("/srv/root", "langson") == "/srv/root/channels/langson/manifest.json");
  CHECK(blob_path("/srv/root", hash) == "/srv/root/blobs/" + hash);
  for (const char* bad : {"", "..", ".hidden", "-x", "Langson", "a/b", "a b", "lạngsơn"}) {
    INFO(bad);
    CHECK_FALSE(is_valid_channel_name(bad));
    CHECK_THROWS_MATCHES(manifest_relpath(bad), gatecast::Error,
                         gatecast::test::Refused(gatecast::Reason::schema));
    CHECK_THROWS_MATCHES(channel_dir("/srv", bad), gatecast::Error,
                         gatecast::test::Refused(gatecast::Reason::schema));
  }
  CHECK_FALSE(is_valid_channel_name(std::string(65, 'a')));
  CHECK(is_valid_channel_name(std::string(64, 'a')));
  CHECK(is_valid_channel_name("0day.v2_x-y"));
  CHECK_THROWS_MATCHES(blob_relpath("../../etc/passwd"), gatecast::Error,
                       gatecast::test::Refused(gatecast::Reason::schema));
  CHECK_THROWS_MATCHES(blob_path("/srv", std::string(64, 'A')), gatecast::Error,
                       gatecast::test::Refused(gatecast::Reason::schema));
  try {
    check_channel_name("../x", "--channel");
    FAIL("accepted");
  } catch (const gatecast::Error& e) {
    CHECK_THAT(e, gatecast::test::UsageError(gatecast::Reason::schema).about("--channel"));
  }
}

TEST_CASE("names and colours", "[manifest]") {
  CHECK(is_valid_name("gate-photo.v2_X"));
  CHECK_FALSE(is_valid_name(""));
  CHECK_FALSE(is_valid_name(std::string(65, 'a')));
  CHECK_FALSE(is_valid_name("a/b"));
  CHECK_FALSE(is_valid_name("ảnh"));
  CHECK(parse_color("#0B2a4A") == Color{0x0b, 0x2a, 0x4a, 255});
  CHECK(parse_color("#00000080") == Color{0, 0, 0, 0x80});
  for (const char* bad :
       {"", "#", "#fff", "#ffff", "#fffff", "#fffffff", "#fffffffff", "0b2a4a00", "#gggggg"}) {
    INFO(bad);
    CHECK_FALSE(parse_color(bad));
  }
}
