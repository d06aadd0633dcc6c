#include "player/images/jpeg_decode.hpp"

// jpeglib.h needs size_t and FILE declared first.
#include <jpeglib.h>
#include <csetjmp>
#include <cstddef>
#include <cstdio>
#include <ctime>

namespace gatecast::player {
namespace {

// libjpeg reports a fatal error by calling error_exit, which must not return: it jumps back
// to decode_jpeg_argb's setjmp. Only trivially destructible objects live between the two.
struct ErrorManager {
  jpeg_error_mgr base;
  jpeg_progress_mgr progress;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX + 32];
  JpegBudget budget;
  double cpu_at_start;
};

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

void on_error(j_common_ptr info) {
  auto* errors = reinterpret_cast<ErrorManager*>(info->err);
  errors->base.format_message(info, errors->message);
  std::longjmp(errors->jump, 1);
}

// Level -1 is a warning (corrupt data libjpeg would paper over); higher levels are trace
// messages, which are never printed.
void on_message(j_common_ptr info, int level) {
  if (level >= 0) return;
  auto* errors = reinterpret_cast<ErrorManager*>(info->err);
  char warning[JMSG_LENGTH_MAX];
  errors->base.format_message(info, warning);
  std::snprintf(errors->message, sizeof errors->message, "damaged data: %s", warning);
  std::longjmp(errors->jump, 1);
}

// libjpeg calls this between rows of every pass, so the bounds hold however the file is built.
void on_progress(j_common_ptr info) {
  auto* errors = reinterpret_cast<ErrorManager*>(info->err);
  const auto* decompress = reinterpret_cast<j_decompress_ptr>(info);
  if (decompress->input_scan_number > errors->budget.max_scans) {
    std::snprintf(errors->message, sizeof errors->message,
                  "more than %d progressive scans (a normal JPEG has about ten)", errors->budget.max_scans);
    std::longjmp(errors->jump, 1);
  }
  if (errors->budget.abandon && errors->budget.abandon->load(std::memory_order_relaxed)) {
    std::snprintf(errors->message, sizeof errors->message, "decoding abandoned");
    std::longjmp(errors->jump, 1);
  }
  if (thread_cpu_seconds() - errors->cpu_at_start > errors->budget.max_cpu_seconds) {
    std::snprintf(errors->message, sizeof errors->message, "decoding takes more than %g s of CPU",
                  errors->budget.max_cpu_seconds);
    std::longjmp(errors->jump, 1);
  }
}

// The byte order of ARGB8888 in memory.
constexpr J_COLOR_SPACE argb_in_memory = SDL_BYTEORDER == SDL_LIL_ENDIAN ? JCS_EXT_BGRA : JCS_EXT_ARGB;

// Everything that touches libjpeg, with no C++ object whose destructor a longjmp would skip.
// Returns false with `errors.message` set on failure; `out` is made here and filled row by row.
bool decode(jpeg_decompress_struct& info, ErrorManager& errors, const unsigned char* data, unsigned long size,
            int denominator, SDL_Surface* reuse, SDL_Surface*& made, bool& cmyk) {
  if (setjmp(errors.jump)) return false;
  jpeg_create_decompress(&info);
  info.progress = &errors.progress;
  jpeg_mem_src(&info, data, size);
  jpeg_read_header(&info, TRUE);
  if (std::uint64_t(info.image_width) * info.image_height > errors.budget.max_pixels) {
    std::snprintf(errors.message, sizeof errors.message, "%ux%u pixels, more than %llu", info.image_width,
                  info.image_height, static_cast<unsigned long long>(errors.budget.max_pixels));
    return false;
  }
  if (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK) {
    cmyk = true;
    std::snprintf(errors.message, sizeof errors.message, "the picture is CMYK");
    return false;
  }
  info.out_color_space = argb_in_memory;
  info.scale_num = 1;
  info.scale_denom = static_cast<unsigned>(denominator);
  info.dct_method = JDCT_ISLOW;  // the accurate IDCT, as SDL_image uses: the same pixels
  jpeg_start_decompress(&info);
  const int w = static_cast<int>(info.output_width), h = static_cast<int>(info.output_height);
  SDL_Surface* out = reuse;
  if (!reuse || reuse->w != w || reuse->h != h || reuse->format->format != SDL_PIXELFORMAT_ARGB8888) {
    out = made = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
  }
  if (!out) {
    std::snprintf(errors.message, sizeof errors.message, "out of memory for %ux%u pixels", info.output_width,
                  info.output_height);
    return false;
  }
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = static_cast<JSAMPROW>(out->pixels) + std::ptrdiff_t(info.output_scanline) * out->pitch;
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  return true;
}

}  // namespace

int jpeg_scale_denominator(int width, int height, int min_width, int min_height) {
  int denominator = 1;
  // libjpeg rounds scaled sizes up: ceil(width / d).
  while (denominator < 8 && (width + 2 * denominator - 1) / (2 * denominator) >= min_width &&
         (height + 2 * denominator - 1) / (2 * denominator) >= min_height) {
    denominator *= 2;
  }
  return denominator;
}

JpegDecode decode_jpeg_argb(std::string_view bytes, int denominator, SharedSurface reuse,
                            const JpegBudget& budget) {
  jpeg_decompress_struct info{};
  ErrorManager errors{};
  info.err = jpeg_std_error(&errors.base);
  errors.base.error_exit = on_error;
  errors.base.emit_message = on_message;
  errors.progress.progress_monitor = on_progress;
  errors.budget = budget;
  errors.cpu_at_start = thread_cpu_seconds();
  SDL_Surface* made = nullptr;
  bool cmyk = false;
  const bool ok = decode(info, errors, reinterpret_cast<const unsigned char*>(bytes.data()),
                         static_cast<unsigned long>(bytes.size()), denominator, reuse.get(), made, cmyk);
  jpeg_destroy_decompress(&info);
  SurfacePtr owned(made);
  JpegDecode result;
  if (!ok) {
    result.problem = errors.message;
    result.cmyk = cmyk;
    return result;
  }
  result.surface = owned ? share(std::move(owned)) : std::move(reuse);
  SDL_SetSurfaceBlendMode(result.surface.get(), SDL_BLENDMODE_BLEND);
  return result;
}

}  // namespace gatecast::player
