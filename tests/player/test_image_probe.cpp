// Image headers are read without decoding, and pictures over the limits are refused from the
// header alone, whatever the rest of the file holds.
#include <catch2/catch.hpp>

#include "player/images/image_probe.hpp"
#include "render_fixtures.hpp"
#include "support/refusal.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::player;
using gatecast::test::TempDir;

namespace {

std::string be32(std::uint32_t v) {
  return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
}

// A PNG signature and an IHDR claiming w x h, followed by nothing a decoder could use.
std::string png_header(std::uint32_t w, std::uint32_t h) {
  return std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + "IHDR" + be32(w) + be32(h) +
         std::string("\x08\x06\0\0\0", 5) + be32(0);
}

// SOI, an APP0 segment, then a baseline SOF0 claiming w x h.
std::string jpeg_header(std::uint16_t w, std::uint16_t h) {
  std::string app0 = std::string("\xFF\xE0\x00\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 18);
  std::string sof = std::string("\xFF\xC0\x00\x11\x08", 5) + char(h >> 8) + char(h) + char(w >> 8) + char(w) +
                    std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
  return std::string("\xFF\xD8", 2) + app0 + sof;
}

std::optional<ImageHeader> probe(const std::string& bytes, std::string& problem) {
  return probe_image(bytes, problem);
}

}  // namespace

TEST_CASE("probe reads PNG, JPEG and WebP sizes from real files", "[image][render]") {
  TempDir dir;
  std::string problem;
  auto png = probe_image_file(test::write_png(dir / "a.png", 37, 21), problem);
  REQUIRE(png);
  CHECK(png->format == content::AssetType::png);
  CHECK((png->width == 37 && png->height == 21));
  auto jpeg = probe_image_file(test::write_jpeg(dir / "a.jpg", 45, 17), problem);
  REQUIRE(jpeg);
  CHECK(jpeg->format == content::AssetType::jpeg);
  CHECK((jpeg->width == 45 && jpeg->height == 17));
  for (const char* name : {"quadrants-lossless.webp", "quadrants-lossy.webp"}) {
    auto webp = probe_image_file(std::filesystem::path(GATECAST_TEST_DATA) / "data/images" / name, problem);
    REQUIRE(webp);
    CHECK(webp->format == content::AssetType::webp);
    CHECK((webp->width == 64 && webp->height == 48));
  }
}

TEST_CASE("probe reads a JPEG frame header after fill bytes and long segments", "[image][render]") {
  std::string exif = std::string("\xFF\xE1", 2) + char(0xFF) + char(0xF0) + std::string(0xFFF0 - 2, 'x');
  std::string bytes = std::string("\xFF\xD8", 2) + exif + "\xFF\xFF" + jpeg_header(640, 480).substr(2);
  std::string problem;
  auto h = probe(bytes, problem);
  REQUIRE(h);
  CHECK((h->width == 640 && h->height == 480));
}

TEST_CASE("probe reads the WebP VP8X canvas size", "[image][render]") {
  // VP8X: flags, 3 reserved bytes, then width-1 and height-1 in 24-bit little endian.
  std::string bytes = std::string("RIFF\x20\0\0\0WEBPVP8X\x0a\0\0\0", 20) + std::string("\x10\0\0\0", 4) +
                      std::string("\x1f\x4e\x00", 3) + std::string("\x1f\x4e\x00", 3);
  std::string problem;
  auto h = probe(bytes, problem);
  REQUIRE(h);
  CHECK((h->width == 20000 && h->height == 20000));
}

TEST_CASE("an image claiming 20000 x 20000 is over the limits from its header alone", "[image][render]") {
  std::string problem;
  auto h = probe(png_header(20000, 20000), problem);
  REQUIRE(h);
  CHECK(check_image_limits(*h, {}) == "20000 x 20000 pixels is larger than the limit of 8192 x 8192");
  auto wide = probe(jpeg_header(8000, 6000), problem);
  REQUIRE(wide);
  CHECK(check_image_limits(*wide, {}) == "8000 x 6000 pixels is more than the limit of 40 megapixels");
  auto fine = probe(jpeg_header(8192, 4096), problem);
  REQUIRE(fine);
  CHECK(check_image_limits(*fine, {}).empty());
}

TEST_CASE("probe refuses truncated, broken and foreign headers with a reason", "[image][render]") {
  std::string problem;
  const std::string png = png_header(10, 10);
  for (std::size_t cut = 0; cut < 24; ++cut) {
    CHECK_FALSE(probe(png.substr(0, cut), problem));
    CHECK_FALSE(problem.empty());
  }
  const std::string jpeg = jpeg_header(10, 10);
  for (std::size_t cut = 0; cut < 29; ++cut)
    CHECK_FALSE(probe(jpeg.substr(0, cut), problem));  // 29: SOF read

  CHECK_FALSE(probe("GIF89a......", problem));
  CHECK(problem == "the file is not a PNG, JPEG or WebP image");
  CHECK_FALSE(probe(png_header(0, 10), problem));
  CHECK(problem == "the image header gives a zero width or height");
  CHECK_FALSE(probe(png_header(0x80000000u, 1), problem));
  std::string not_ihdr = png_header(10, 10);
  not_ihdr.replace(12, 4, "IDAT");
  CHECK_FALSE(probe(not_ihdr, problem));
  // A segment length below 2 would loop forever in a naive reader.
  CHECK_FALSE(probe(std::string("\xFF\xD8\xFF\xE0\x00\x00", 6), problem));
  CHECK(problem == "the JPEG file has a segment with an impossible length");
  CHECK_FALSE(probe(std::string("\xFF\xD8\xFF\xDA\x00\x08", 6), problem));
  CHECK(problem == "the JPEG file has no frame header before its image data");
  CHECK_FALSE(probe(std::string("RIFF\0\0\0\0WEBPVP8 \0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 30), problem));
  CHECK_FALSE(probe(std::string("RIFF\0\0\0\0WEBPABCD", 16), problem));
}

TEST_CASE("probe survives endless tiny JPEG segments", "[image][render]") {
  std::string bytes("\xFF\xD8", 2);
  for (int i = 0; i < 70000; ++i) bytes += std::string("\xFF\xFE\x00\x02", 4);  // empty comments
  std::string problem;
  CHECK_FALSE(probe(bytes, problem));
  CHECK(problem == "the JPEG file has too many segments before its frame header");
}

TEST_CASE("probe of a missing file is a runtime error naming it", "[image][render]") {
  std::string problem;
  CHECK_THROWS_MATCHES(probe_image_file("/nonexistent/picture.png", problem), Error,
                       test::Failed(Reason::io).about("/nonexistent/picture.png"));
}
