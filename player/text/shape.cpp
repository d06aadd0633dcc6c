#include "player/text/shape.hpp"

#include <hb.h>

#include <memory>

namespace gatecast::player::text {
namespace {

struct BufferDeleter {
  void operator()(hb_buffer_t* b) const noexcept { hb_buffer_destroy(b); }
};

// One buffer per thread, reused: shaping allocates nothing once it has grown.
hb_buffer_t* thread_buffer() {
  thread_local std::unique_ptr<hb_buffer_t, BufferDeleter> buffer(hb_buffer_create());
  hb_buffer_clear_contents(buffer.get());
  return buffer.get();
}

}  // namespace

ShapedRun shape_run(FontChain& fonts, std::u32string_view text, const TextRun& run, int size_px, bool bold) {
  ShapedRun out;
  out.font = run.font;
  out.begin = run.begin;
  out.end = run.end;
  if (run.end <= run.begin) return out;
  const SizedFont& font = fonts.font(run.font, size_px, bold);
  hb_buffer_t* buffer = thread_buffer();
  const auto length = static_cast<int>(run.end - run.begin);
  hb_buffer_add_utf32(buffer, reinterpret_cast<const std::uint32_t*>(text.data() + run.begin), length, 0,
                      length);
  hb_buffer_set_script(buffer, static_cast<hb_script_t>(run.script));
  hb_buffer_set_direction(buffer, hb_script_get_horizontal_direction(static_cast<hb_script_t>(run.script)));
  if (!run.language.empty()) {
    hb_buffer_set_language(buffer, hb_language_from_string(run.language.c_str(), -1));
  }
  hb_shape(font.hb, buffer, nullptr, 0);

  unsigned count = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
  out.glyphs.reserve(count);
  for (unsigned i = 0; i < count; ++i) {
    out.glyphs.push_back(Glyph{info[i].codepoint, static_cast<std::uint32_t>(run.begin + info[i].cluster),
                               pos[i].x_advance, pos[i].x_offset, pos[i].y_offset});
    out.advance += pos[i].x_advance;
  }
  return out;
}

}  // namespace gatecast::player::text
