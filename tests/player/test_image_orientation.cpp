// Photos carry an EXIF orientation tag; the screen shows them upright, as every photo viewer
// does. The files are written by Pillow and checked against Pillow's own exif_transpose
// (make_oriented_jpegs.py), so what is "upright" here is not our own reading of the standard.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "player/images/exif_orientation.hpp"
#include "player/images/image_decode.hpp"
#include "render_fixtures.hpp"
#include "support/run.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::player;
using gatecast::test::TempDir;

namespace {

using test::blue, test::green, test::red, test::white;

std::filesystem::path oriented_jpegs(const TempDir& dir) {
  const auto folder = dir / "oriented";
  const auto made =
      test::run({"/usr/bin/python3", std::string(GATECAST_TEST_DATA) + "/player/make_oriented_jpegs.py",
                 folder.string()});
  INFO(made.err);
  REQUIRE(made.exit_code == 0);
  return folder;
}

std::string bytes_of(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

// Red, green / blue, white, sampled at the middle of each quadrant of a `w` x `h` picture.
void check_upright(SDL_Surface* s, int w, int h) {
  REQUIRE(s->w == w);
  REQUIRE(s->h == h);
  CHECK(test::near(test::pixel(s, w / 4, h / 4), red, 32));
  CHECK(test::near(test::pixel(s, 3 * w / 4, h / 4), green, 32));
  CHECK(test::near(test::pixel(s, w / 4, 3 * h / 4), blue, 32));
  CHECK(test::near(test::pixel(s, 3 * w / 4, 3 * h / 4), white, 32));
}

}  // namespace

TEST_CASE("every EXIF orientation is read and the photo decodes upright", "[image][exif]") {
  TempDir dir;
  const auto folder = oriented_jpegs(dir);
  for (int orientation = 1; orientation <= 8; ++orientation) {
    const auto file = folder / ("orient-" + std::to_string(orientation) + ".jpg");
    INFO(file.string());
    CHECK(jpeg_exif_orientation(bytes_of(file)) == orientation);
    ImageResult r = decode_image(file);
    REQUIRE(r.surface);
    check_upright(r.surface.get(), 64, 48);
  }
}

TEST_CASE("a turned photo is reduced in the DCT and fitted as it is shown", "[image][exif]") {
  TempDir dir;
  const auto folder = oriented_jpegs(dir);
  for (int orientation : {5, 6, 7, 8}) {
    const auto file = folder / ("orient-" + std::to_string(orientation) + ".jpg");
    INFO(file.string());
    // Stored 48 x 64, shown 64 x 48: a 16 x 12 region takes it whole at a quarter.
    ImageResult r = decode_image_fitted(file, 16, 12, content::Fit::cover);
    REQUIRE(r.surface);
    CHECK(r.opaque);
    check_upright(r.surface.get(), 16, 12);
    // Shown in a portrait region, `contain` letterboxes the upright picture above and below.
    ImageResult tall = decode_image_fitted(file, 32, 64, content::Fit::contain);
    REQUIRE(tall.surface);
    CHECK(test::pixel(tall.surface.get(), 16, 2).a == 0);
    CHECK(test::near(test::pixel(tall.surface.get(), 8, 26), red, 32));
    CHECK(test::near(test::pixel(tall.surface.get(), 24, 38), white, 32));
  }
}

TEST_CASE("a broken or lying EXIF block leaves the photo as stored", "[image][exif][hostile]") {
  TempDir dir;
  const auto folder = oriented_jpegs(dir);
  const std::string six = bytes_of(folder / "orient-6.jpg");
  const std::size_t exif = six.find(std::string("Exif\0\0", 6));
  REQUIRE(exif != std::string::npos);

  SECTION("an orientation outside 1..8") {
    // The tag's entry in IFD0: tag 0x0112, type SHORT (3), count 1, value 6; either byte order.
    std::string bad = six;
    for (const std::string& entry : {std::string("\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06", 10),
                                     std::string("\x12\x01\x03\x00\x01\x00\x00\x00\x06\x00", 10)}) {
      if (const auto at = bad.find(entry, exif); at != std::string::npos) {
        bad[at + (entry[0] == '\x01' ? 9 : 8)] = '\x09';
      }
    }
    REQUIRE(bad != six);
    write_bytes(dir / "nine.jpg", bad);
    CHECK(jpeg_exif_orientation(bad) == 1);
    ImageResult r = decode_image(dir / "nine.jpg");
    REQUIRE(r.surface);
    CHECK((r.surface->w == 48 && r.surface->h == 64));
  }
  SECTION("a TIFF header of noise") {
    // libexif may still make sense of some of it; whatever it reads is a valid orientation and
    // the picture's sides follow it.
    for (int seed = 1; seed <= 16; ++seed) {
      std::string bad = six;
      for (std::size_t i = exif + 6; i < exif + 20; ++i) bad[i] = char(0xA5 ^ (i * 37 * seed));
      write_bytes(dir / "noise.jpg", bad);
      const int orientation = jpeg_exif_orientation(bad);
      INFO(seed << ": orientation " << orientation);
      CHECK((orientation >= 1 && orientation <= 8));
      ImageResult r = decode_image(dir / "noise.jpg");
      REQUIRE(r.surface);
      CHECK(r.surface->w == (orientation_swaps_sides(orientation) ? 64 : 48));
    }
  }
  SECTION("cut inside the EXIF block, and not a JPEG at all") {
    for (std::size_t cut = 0; cut < exif + 14; cut += 3) {  // up to the first IFD entry
      INFO(cut);
      CHECK(jpeg_exif_orientation(six.substr(0, cut)) == 1);
    }
    CHECK(jpeg_exif_orientation("") == 1);
    CHECK(jpeg_exif_orientation(std::string("Exif\0\0MM\0*", 10)) == 1);
    CHECK(jpeg_exif_orientation(std::string(100000, '\xff')) == 1);
  }
}
