// JPEGs decode straight to ARGB8888 with libjpeg-turbo: the same pixels SDL_image gives at full
// size, reduced in the DCT when shown much smaller, CMYK handed back to SDL_image, and damaged
// or hostile bytes giving a problem or a picture, never a crash.
#include <catch2/catch.hpp>

#include <jpeglib.h>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "player/images/image_decode.hpp"
#include "player/images/jpeg_decode.hpp"
#include "render_fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace gatecast;
using namespace gatecast::player;
using gatecast::test::TempDir;

namespace {

// A picture with detail in every 8x8 block (so that chroma subsampling and the IDCT matter):
// a diagonal gradient with a hash of noise on top.
std::filesystem::path write_busy_jpeg(const std::filesystem::path& file, int w, int h) {
  SurfacePtr s = test::picture(w, h, [](int x, int y) {
    const auto n = static_cast<std::uint8_t>((x * 73 + y * 151 + x * y) % 61);
    return content::Color{static_cast<std::uint8_t>((x + n) % 256),
                          static_cast<std::uint8_t>((y * 2 + n) % 256),
                          static_cast<std::uint8_t>((x + y) % 256), 255};
  });
  IMG_SaveJPG(s.get(), file.string().c_str(), 90);
  return file;
}

// A CMYK JPEG (as print shops deliver), written with libjpeg itself: flat cyan on the left half,
// flat yellow on the right, in Adobe's inverted CMYK as Photoshop writes it.
std::filesystem::path write_cmyk_jpeg(const std::filesystem::path& file, int w, int h) {
  std::FILE* out = std::fopen(file.string().c_str(), "wb");
  REQUIRE(out);
  jpeg_compress_struct info{};
  jpeg_error_mgr errors{};
  info.err = jpeg_std_error(&errors);
  jpeg_create_compress(&info);
  jpeg_stdio_dest(&info, out);
  info.image_width = static_cast<JDIMENSION>(w);
  info.image_height = static_cast<JDIMENSION>(h);
  info.input_components = 4;
  info.in_color_space = JCS_CMYK;
  jpeg_set_defaults(&info);
  jpeg_set_colorspace(&info, JCS_YCCK);
  info.write_Adobe_marker = TRUE;
  jpeg_start_compress(&info, TRUE);
  std::vector<JSAMPLE> row(std::size_t(w) * 4);
  for (int x = 0; x < w; ++x) {
    // Inverted: 255 = no ink. Cyan ink only on the left, yellow ink only on the right.
    const bool left = x < w / 2;
    row[std::size_t(x) * 4 + 0] = left ? 0 : 255;
    row[std::size_t(x) * 4 + 1] = 255;
    row[std::size_t(x) * 4 + 2] = left ? 255 : 0;
    row[std::size_t(x) * 4 + 3] = 255;
  }
  while (info.next_scanline < info.image_height) {
    JSAMPROW p = row.data();
    jpeg_write_scanlines(&info, &p, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  std::fclose(out);
  return file;
}

int max_channel_difference(const SDL_Surface* a, const SDL_Surface* b) {
  int worst = 0;
  for (int y = 0; y < a->h; ++y) {
    for (int x = 0; x < a->w; ++x) {
      const content::Color p = test::pixel(a, x, y), q = test::pixel(b, x, y);
      worst = std::max(
          {worst, std::abs(p.r - q.r), std::abs(p.g - q.g), std::abs(p.b - q.b), std::abs(p.a - q.a)});
    }
  }
  return worst;
}

}  // namespace

TEST_CASE("the DCT reduction is the largest that keeps the pixels the fit needs", "[image][jpeg]") {
  CHECK(jpeg_scale_denominator(1920, 1080, 1920, 1080) == 1);
  CHECK(jpeg_scale_denominator(3840, 2160, 1920, 1080) == 2);
  CHECK(jpeg_scale_denominator(3839, 2160, 1920, 1080) == 2);  // ceil(3839 / 2) = 1920
  CHECK(jpeg_scale_denominator(3837, 2160, 1920, 1080) == 1);
  CHECK(jpeg_scale_denominator(7680, 4320, 1920, 1080) == 4);
  CHECK(jpeg_scale_denominator(6000, 4000, 480, 320) == 8);
  CHECK(jpeg_scale_denominator(6000, 4000, 1, 1) == 8);  // never beyond 1/8
  CHECK(jpeg_scale_denominator(100, 100, 0, 0) == 8);
  CHECK(jpeg_scale_denominator(1, 1, 1, 1) == 8);  // ceil keeps one pixel
}

TEST_CASE("a JPEG decodes to the very pixels SDL_image gives", "[image][jpeg]") {
  TempDir dir;
  const auto file = write_busy_jpeg(dir / "busy.jpg", 333, 201);  // odd sizes: partial MCUs
  ImageResult ours = decode_image(file);
  REQUIRE(ours.surface);
  CHECK(ours.opaque);
  SurfacePtr loaded(IMG_Load(file.string().c_str()));
  REQUIRE(loaded);
  SurfacePtr theirs(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_ARGB8888, 0));
  REQUIRE((ours.surface->w == theirs->w && ours.surface->h == theirs->h));
  CHECK(max_channel_difference(ours.surface.get(), theirs.get()) == 0);
}

TEST_CASE("a JPEG shown much smaller is reduced in the DCT and still fitted exactly", "[image][jpeg]") {
  TempDir dir;
  const auto file = test::write_jpeg(dir / "big.jpg", 1600, 1200);
  JpegDecode half = decode_jpeg_argb(test::read_bytes(file), 2);
  REQUIRE(half.surface);
  CHECK((half.surface->w == 800 && half.surface->h == 600));
  JpegDecode eighth = decode_jpeg_argb(test::read_bytes(file), 8);
  REQUIRE(eighth.surface);
  CHECK((eighth.surface->w == 200 && eighth.surface->h == 150));
  CHECK(test::near(test::pixel(eighth.surface.get(), 20, 20), content::Color{255, 0, 0, 255}, 24));
  CHECK(test::near(test::pixel(eighth.surface.get(), 180, 130), content::Color{255, 255, 255, 255}, 24));

  // 1600x1200 into 200x150: an eighth, nothing left to scale; into 300x300 with cover: 400x300
  // decoded (a quarter), then cropped. Either way the result is the region's size and opaque.
  ImageResult exact = decode_image_fitted(file, 200, 150, content::Fit::cover);
  REQUIRE(exact.surface);
  CHECK((exact.surface->w == 200 && exact.surface->h == 150));
  CHECK(exact.opaque);
  ImageResult cropped = decode_image_fitted(file, 300, 300, content::Fit::cover);
  REQUIRE(cropped.surface);
  CHECK((cropped.surface->w == 300 && cropped.surface->h == 300));
  CHECK(cropped.opaque);
  CHECK(test::near(test::pixel(cropped.surface.get(), 10, 10), content::Color{255, 0, 0, 255}, 24));
  CHECK(test::near(test::pixel(cropped.surface.get(), 290, 290), content::Color{255, 255, 255, 255}, 24));
  // Letterboxed: transparent bars, so not opaque.
  ImageResult boxed = decode_image_fitted(file, 300, 300, content::Fit::contain);
  REQUIRE(boxed.surface);
  CHECK_FALSE(boxed.opaque);
  CHECK(test::pixel(boxed.surface.get(), 150, 5).a == 0);
}

TEST_CASE("a CMYK JPEG is not for libjpeg-turbo's RGB output and goes to SDL_image", "[image][jpeg]") {
  TempDir dir;
  const auto file = write_cmyk_jpeg(dir / "print.jpg", 64, 32);
  JpegDecode direct = decode_jpeg_argb(test::read_bytes(file), 1);
  CHECK_FALSE(direct.surface);
  CHECK(direct.cmyk);
  ImageResult r = decode_image_fitted(file, 64, 32, content::Fit::contain);
  INFO(r.problem);
  REQUIRE(r.surface);
  CHECK((r.surface->w == 64 && r.surface->h == 32));
}

TEST_CASE("broken, cut and mutated JPEG bytes give a problem or a picture, never a crash", "[image][jpeg]") {
  TempDir dir;
  const std::string good = test::read_bytes(write_busy_jpeg(dir / "good.jpg", 96, 64));
  for (const std::string& bytes :
       {std::string{}, std::string("\xff\xd8"), std::string("\xff\xd8\xff\xe0 not a jpeg"),
        good.substr(0, 20), good.substr(0, good.size() / 3)}) {
    JpegDecode r = decode_jpeg_argb(bytes, 1);
    INFO(bytes.size() << " bytes: " << r.problem);
    CHECK((r.surface != nullptr) != !r.problem.empty());
  }
  CHECK_FALSE(decode_jpeg_argb(good.substr(0, 20), 1).surface);  // cut inside the header: nothing
  // A file cut inside the scan is one libjpeg would fill with grey after a warning: damaged, so
  // refused (a whole file never reaches a screen cut; `pack` decodes every picture).
  JpegDecode cut = decode_jpeg_argb(good.substr(0, good.size() * 2 / 3), 1);
  CHECK_FALSE(cut.surface);
  CHECK_THAT(cut.problem, Catch::Contains("damaged data"));

  std::mt19937 random(20261125);
  int decoded = 0, refused = 0;
  for (int round = 0; round < 300; ++round) {
    std::string bytes = good;
    const int flips = 1 + static_cast<int>(random() % 8);
    for (int i = 0; i < flips; ++i) bytes[random() % bytes.size()] = static_cast<char>(random() % 256);
    JpegDecode r = decode_jpeg_argb(bytes, 1 << (round % 4));
    REQUIRE((r.surface != nullptr) != !r.problem.empty());
    if (r.surface) {
      ++decoded;
      CHECK((r.surface->w <= 96 && r.surface->h <= 64));
    } else {
      ++refused;
    }
  }
  CHECK(decoded + refused == 300);
}

TEST_CASE("a JPEG whose header promises another size than it decodes to is refused", "[image][jpeg]") {
  TempDir dir;
  std::string bytes = test::read_bytes(test::write_jpeg(dir / "q.jpg", 64, 48));
  // The first SOF0 says 48 x 64; a later one (never read by the decoder) says otherwise: the
  // probe and the decoder must agree, or nothing is shown. Simplest hostile case: a second,
  // conflicting SOF right after the first is refused by libjpeg itself.
  const std::size_t sof = bytes.find("\xff\xc0", 2);
  REQUIRE(sof != std::string::npos);
  const std::size_t length = (std::size_t(std::uint8_t(bytes[sof + 2])) << 8) | std::uint8_t(bytes[sof + 3]);
  std::string second = bytes.substr(sof, 2 + length);
  second[5] = 0x10;  // height 4096+
  bytes.insert(sof + 2 + length, second);
  test::write_bytes(dir / "two-sof.jpg", bytes);
  ImageResult r = decode_image_fitted(dir / "two-sof.jpg", 64, 48, content::Fit::cover);
  CHECK_FALSE(r.surface);
  CHECK_FALSE(r.problem.empty());
}

namespace {

// A valid progressive JPEG with one scan per AC coefficient and component: 1 + 63 x 3 = 190
// scans, every one a legal step of the progression, written by libjpeg itself.
std::string write_many_scan_jpeg(int w, int h) {
  std::vector<jpeg_scan_info> scans;
  scans.push_back({3, {0, 1, 2, 0}, 0, 0, 0, 0});
  for (int c = 0; c < 3; ++c) {
    for (int k = 1; k < 64; ++k) scans.push_back({1, {c, 0, 0, 0}, k, k, 0, 0});
  }
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_compress_struct info{};
  jpeg_error_mgr errors{};
  info.err = jpeg_std_error(&errors);
  jpeg_create_compress(&info);
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = static_cast<JDIMENSION>(w);
  info.image_height = static_cast<JDIMENSION>(h);
  info.input_components = 3;
  info.in_color_space = JCS_RGB;
  jpeg_set_defaults(&info);
  info.scan_info = scans.data();
  info.num_scans = static_cast<int>(scans.size());
  jpeg_start_compress(&info, TRUE);
  std::vector<JSAMPLE> row(std::size_t(w) * 3);
  while (info.next_scanline < info.image_height) {
    for (int x = 0; x < w; ++x) {
      row[std::size_t(x) * 3] = JSAMPLE(x * 255 / w);
      row[std::size_t(x) * 3 + 1] = JSAMPLE(info.next_scanline * 255 / unsigned(h));
      row[std::size_t(x) * 3 + 2] = JSAMPLE((x ^ int(info.next_scanline)) & 0xff);
    }
    JSAMPROW rows[1] = {row.data()};
    jpeg_write_scanlines(&info, rows, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  std::string bytes(reinterpret_cast<const char*>(buffer), size);
  std::free(buffer);
  return bytes;
}

// Where the last scan (its SOS marker) of a JPEG begins: the entropy-coded data after each SOS
// runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
std::size_t last_scan_start(const std::string& j) {
  std::size_t last = std::string::npos, i = 2;
  while (i + 4 <= j.size() && std::uint8_t(j[i]) == 0xFF) {
    const auto marker = std::uint8_t(j[i + 1]);
    if (marker == 0xD9) break;
    const std::size_t length = std::uint8_t(j[i + 2]) * 256u + std::uint8_t(j[i + 3]);
    if (marker != 0xDA) {
      i += 2 + length;
      continue;
    }
    last = i;
    i += 2 + length;
    while (i + 1 < j.size() && !(std::uint8_t(j[i]) == 0xFF && std::uint8_t(j[i + 1]) != 0 &&
                                 (std::uint8_t(j[i + 1]) < 0xD0 || std::uint8_t(j[i + 1]) > 0xD7))) {
      ++i;
    }
  }
  return last;
}

}  // namespace

TEST_CASE("a progressive JPEG with hundreds of scans is refused, not decoded for minutes",
          "[image][jpeg][hostile]") {
  const std::string many = write_many_scan_jpeg(256, 128);
  JpegDecode refused = decode_jpeg_argb(many, 1);
  CHECK_FALSE(refused.surface);
  CHECK_THAT(refused.problem, Catch::Contains("more than 100 progressive scans"));
  // The same file is a legal JPEG: with room for its 190 scans it decodes.
  JpegDecode allowed = decode_jpeg_argb(many, 1, {}, JpegBudget{200, 5.0});
  REQUIRE(allowed.surface);
  CHECK((allowed.surface->w == 256 && allowed.surface->h == 128));
}

TEST_CASE("a JPEG decode stops when it is abandoned (the picture cache going away)", "[image][jpeg]") {
  const std::string many = write_many_scan_jpeg(256, 128);
  std::atomic<bool> abandon{false};
  JpegBudget budget{200, 5.0, &abandon};
  REQUIRE(decode_jpeg_argb(many, 1, {}, budget).surface);
  abandon = true;
  const JpegDecode stopped = decode_jpeg_argb(many, 1, {}, budget);
  CHECK_FALSE(stopped.surface);
  CHECK(stopped.problem == "decoding abandoned");
}

TEST_CASE("a progressive JPEG that repeats a refinement scan is damaged data", "[image][jpeg][hostile]") {
  TempDir dir;
  const std::string plain = test::read_bytes(write_busy_jpeg(dir / "busy.jpg", 128, 96));
  // Made progressive by libjpeg's own standard script, then its last scan repeated 300 times.
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  {
    jpeg_decompress_struct in{};
    jpeg_compress_struct out{};
    jpeg_error_mgr in_errors{}, out_errors{};
    in.err = jpeg_std_error(&in_errors);
    out.err = jpeg_std_error(&out_errors);
    jpeg_create_decompress(&in);
    jpeg_mem_src(&in, reinterpret_cast<const unsigned char*>(plain.data()), plain.size());
    jpeg_read_header(&in, TRUE);
    jvirt_barray_ptr* coefficients = jpeg_read_coefficients(&in);
    jpeg_create_compress(&out);
    jpeg_mem_dest(&out, &buffer, &size);
    jpeg_copy_critical_parameters(&in, &out);
    jpeg_simple_progression(&out);
    jpeg_write_coefficients(&out, coefficients);
    jpeg_finish_compress(&out);
    jpeg_destroy_compress(&out);
    jpeg_finish_decompress(&in);
    jpeg_destroy_decompress(&in);
  }
  const std::string progressive(reinterpret_cast<const char*>(buffer), size);
  std::free(buffer);
  REQUIRE(decode_jpeg_argb(progressive, 1).surface);  // the progressive file itself is fine

  const std::size_t scan = last_scan_start(progressive);
  REQUIRE(scan != std::string::npos);
  const std::size_t end = progressive.rfind(std::string("\xFF\xD9", 2));
  REQUIRE(end > scan);
  std::string hostile = progressive.substr(0, end);
  for (int i = 0; i < 300; ++i) hostile += progressive.substr(scan, end - scan);
  hostile += progressive.substr(end);
  JpegDecode r = decode_jpeg_argb(hostile, 1);
  CHECK_FALSE(r.surface);
  CHECK_THAT(r.problem, Catch::Contains("damaged data"));
}

TEST_CASE("a JPEG that needs more CPU than its budget stops with a problem", "[image][jpeg][hostile]") {
  TempDir dir;
  const std::string busy = test::read_bytes(write_busy_jpeg(dir / "busy.jpg", 1024, 768));
  JpegDecode over = decode_jpeg_argb(busy, 1, {}, JpegBudget{100, 0.0});
  CHECK_FALSE(over.surface);
  CHECK_THAT(over.problem, Catch::Contains("s of CPU"));
  CHECK(decode_jpeg_argb(busy, 1).surface);
}

TEST_CASE("a JPEG whose header claims more pixels than the budget is refused before it is allocated",
          "[image][jpeg][hostile]") {
  TempDir dir;
  const std::string small = test::read_bytes(test::write_jpeg(dir / "small.jpg", 64, 48));
  JpegBudget budget;
  budget.max_pixels = 64 * 48;
  CHECK(decode_jpeg_argb(small, 1, {}, budget).surface);
  budget.max_pixels = 64 * 48 - 1;
  JpegDecode over = decode_jpeg_argb(small, 1, {}, budget);
  CHECK_FALSE(over.surface);
  CHECK(over.problem == "64x48 pixels, more than 3071");

  // The SOF made to claim 65000 x 65000: 4.2 gigapixels, which libjpeg would otherwise try to
  // allocate before finding the data short. Refused by the default budget, at once.
  std::string huge = small;
  const std::size_t sof = huge.find("\xff\xc0", 2);
  REQUIRE(sof != std::string::npos);
  for (const std::size_t at : {sof + 5, sof + 7}) {
    huge[at] = char(0xFD);
    huge[at + 1] = char(0xE8);
  }
  JpegDecode refused = decode_jpeg_argb(huge, 1);
  CHECK_FALSE(refused.surface);
  CHECK(refused.problem == "65000x65000 pixels, more than 40000000");
}
