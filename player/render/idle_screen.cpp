#include "player/render/idle_screen.hpp"

#include <map>

#include "player/render/clock_format.hpp"
#include "player/render/geometry.hpp"
#include "player/surface/surface_ops.hpp"

namespace gatecast::player {
namespace {

// Drawn on a 1920x1080 canvas, scaled to the viewport like any layout.
constexpr int canvas_w = 1920, canvas_h = 1080;
constexpr content::Color background{11, 42, 74, 255};  // the province's dark blue
constexpr content::Color band{255, 255, 255, 24};
constexpr content::Color accent{242, 201, 76, 255};

content::TextStyle style(int min_size, int max_size, content::Color color, bool bold) {
  content::TextStyle s;
  s.min_size = min_size;
  s.max_size = max_size;
  s.color = color;
  s.bold = bold;
  s.line_spacing = 1.2;
  s.align = content::HAlign::center;
  s.valign = content::VAlign::middle;
  return s;
}

void draw_block(TextRenderer& text, const std::vector<WrittenText>& lines, const content::TextStyle& s,
                const CanvasMapping& m, const content::Rect& r, SDL_Surface* target, const SDL_Rect& v) {
  SDL_Rect rect = m.map(r);
  rect.x += v.x;
  rect.y += v.y;
  SharedSurface block = text.render_block(lines, s, rect.w, rect.h, m.scale);
  if (block) blend_onto(block.get(), nullptr, target, rect.x, rect.y);
}

}  // namespace

namespace {
const std::map<std::string, std::string>& idle_messages() {
  static const std::map<std::string, std::string> messages = {
      {"vi", "Chào mừng quý khách. Nội dung sẽ sớm được cập nhật."},
      {"zh", "欢迎光临。内容即将更新。"},
      {"en", "Welcome. New content will be shown here soon."},
      {"lo", "ຍິນດີຕ້ອນຮັບ. ເນື້ອຫາໃໝ່ຈະສະແດງຢູ່ນີ້ໃນໄວໆນີ້."},
      {"km", "សូមស្វាគមន៍។ មាតិកាថ្មីនឹងបង្ហាញនៅទីនេះឆាប់ៗ។"},
      {"ja", "ようこそ。新しいコンテンツはまもなくここに表示されます。"},
      {"ko", "환영합니다. 새로운 콘텐츠가 곧 이곳에 표시됩니다."},
  };
  return messages;
}
}  // namespace

bool has_idle_message(const std::string& lang) {
  return idle_messages().count(lang) != 0;
}

std::string idle_message(const std::string& lang) {
  auto it = idle_messages().find(lang);
  return it == idle_messages().end() ? idle_messages().at("en") : it->second;
}

void draw_idle_screen(const RenderSettings& settings, TextRenderer* text, Instant now, SDL_Surface* target,
                      const SDL_Rect& v) {
  fill(target, &v, background);
  const CanvasMapping m = map_canvas(canvas_w, canvas_h, v.w, v.h);
  auto place = [&](const content::Rect& r) {
    SDL_Rect out = m.map(r);
    out.x += v.x;
    out.y += v.y;
    return out;
  };
  const SDL_Rect middle = place({0, 330, canvas_w, 420});
  fill(target, &middle, band);
  const SDL_Rect rule = place({660, 300, 600, 6});
  fill(target, &rule, accent);
  if (!text) return;
  const std::vector<std::string>& langs = settings.languages;
  const CivilTime c = civil_time(now, settings.zone.offset_at(now));
  std::vector<WrittenText> dates, messages;
  for (const auto& lang : langs) {
    dates.push_back(WrittenText{format_date(lang, c), lang});
    // A language without its own message shows the English one, shaped as English.
    const bool own = has_idle_message(lang);
    messages.push_back(WrittenText{idle_message(lang), own ? lang : "en"});
  }
  const std::string title = settings.site_name.empty() ? std::string("gatecast") : settings.site_name;
  draw_block(*text, {WrittenText{title, {}}}, style(40, 88, {255, 255, 255, 255}, true), m,
             {80, 60, 1760, 220}, target, v);
  draw_block(*text, {WrittenText{format_time(c), {}}}, style(60, 180, accent, true), m, {80, 340, 1760, 200},
             target, v);
  draw_block(*text, dates, style(24, 48, {255, 255, 255, 255}, false), m, {80, 545, 1760, 195}, target, v);
  draw_block(*text, messages, style(24, 52, {220, 230, 240, 255}, false), m, {80, 780, 1760, 260}, target, v);
}

Instant idle_screen_next_change(Instant now) {
  const std::int64_t ms = now.time_since_epoch().count();
  const std::int64_t into = ((ms % 60000) + 60000) % 60000;
  return now + Duration(60000 - into);
}

}  // namespace gatecast::player
