#include "player/cli/report_chart.hpp"

#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "content/base/error.hpp"
#include "player/render/png_output.hpp"
#include "player/text/text_renderer.hpp"
#include "scheduler/calendar.hpp"

namespace gatecast::player {
namespace {

constexpr int kWidth = 1600;
constexpr int kHeight = 900;
constexpr int kLeft = 110, kRight = 40, kTop = 90, kBottom = 190;
// Distinguishable on paper and for red-green colour blindness (Okabe-Ito, then darker kin).
constexpr SDL_Color kPalette[] = {{0, 114, 178, 255},   {230, 159, 0, 255},  {0, 158, 115, 255},
                                  {204, 121, 167, 255}, {86, 180, 233, 255}, {213, 94, 0, 255},
                                  {240, 228, 66, 255},  {0, 0, 0, 255},      {0, 80, 120, 255},
                                  {160, 110, 0, 255},   {0, 110, 80, 255},   {150, 80, 120, 255}};

struct Series {
  std::string name;
  std::map<std::int64_t, double> hours;  // Monday's day number -> hours
};

std::vector<Series> series_of(const content::Report& report) {
  std::map<std::string, std::string> group_of;  // screen -> series name
  for (const auto& s : report.screens) group_of[s.screen] = s.screen;
  if (report.screens.size() > chart_max_series) {
    for (const auto& s : report.screens) group_of[s.screen] = s.site;
  }
  std::map<std::string, Series> by_name;
  for (const auto& w : report.weeks) {
    const std::string& name = group_of.count(w.screen) ? group_of[w.screen] : w.screen;
    Series& s = by_name[name];
    s.name = name;
    s.hours[scheduler::days_from_civil(w.week_start)] += static_cast<double>(w.on_screen_ms) / 3.6e6;
  }
  std::vector<Series> out;
  for (auto& [name, s] : by_name) out.push_back(std::move(s));
  if (out.size() > chart_max_series) out.resize(chart_max_series);  // sites past twelve: in the table only
  return out;
}

void fill(SDL_Surface* s, int x, int y, int w, int h, SDL_Color c) {
  SDL_Rect r{x, y, w, h};
  SDL_FillRect(s, &r, SDL_MapRGBA(s->format, c.r, c.g, c.b, c.a));
}

class Labeler {
 public:
  Labeler() : fonts_(FontChain::load()), text_(fonts_) {}

  // Draws `text` `height` px tall with its left (or right, or centre) edge at x.
  void draw(SDL_Surface* canvas, const std::string& text, int x, int y, int height, content::HAlign align,
            bool bold = false) {
    content::TextStyle style;
    style.bold = bold;
    style.min_size = 8;
    style.max_size = 200;
    style.color = {30, 36, 48, 255};
    SharedSurface line = text_.render_line(text, style, height, 1.0);
    if (!line) return;
    SDL_Rect at{x, y, line->w, line->h};
    if (align == content::HAlign::right) at.x -= line->w;
    if (align == content::HAlign::center) at.x -= line->w / 2;
    SDL_SetSurfaceBlendMode(line.get(), SDL_BLENDMODE_BLEND);
    SDL_BlitSurface(line.get(), nullptr, canvas, &at);
  }

 private:
  FontChain fonts_;
  TextRenderer text_;
};

double nice_step(double max_value) {
  const double raw = std::max(max_value, 1.0) / 5.0;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (raw <= m * magnitude) return m * magnitude;
  return 10.0 * magnitude;
}

}  // namespace

void write_report_chart(const content::Report& report, content::ReportLanguage language,
                        const std::filesystem::path& out) {
  const bool vi = language == content::ReportLanguage::vi;
  SurfacePtr canvas(SDL_CreateRGBSurfaceWithFormat(0, kWidth, kHeight, 32, SDL_PIXELFORMAT_ARGB8888));
  if (!canvas)
    fail_runtime(Reason::io, out.string(), std::string("cannot make the chart: ") + SDL_GetError());
  fill(canvas.get(), 0, 0, kWidth, kHeight, {255, 255, 255, 255});
  Labeler labels;

  const std::vector<Series> series = series_of(report);
  const std::int64_t first = scheduler::days_from_civil(report.period.from);
  const std::int64_t first_monday = first - scheduler::weekday_of_days(first);
  const std::int64_t last = scheduler::days_from_civil(report.period.to);
  const int weeks = static_cast<int>((last - first_monday) / 7 + 1);
  double top = 0;
  for (const auto& s : series)
    for (const auto& [day, h] : s.hours) top = std::max(top, h);
  const double step = nice_step(top);
  const double axis_max = std::max(step, std::ceil(top / step) * step);

  const std::string title = std::string(vi ? "Giờ trình chiếu theo tuần, từng màn hình — "
                                           : "On-screen hours per week, per screen — ") +
                            report.period.label;
  labels.draw(canvas.get(), title, kLeft, 24, 40, content::HAlign::left, true);
  const int plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  for (double v = 0; v <= axis_max + 1e-9; v += step) {
    const int y = kTop + plot_h - static_cast<int>(std::lround(v / axis_max * plot_h));
    fill(canvas.get(), kLeft, y, plot_w, 1, {215, 220, 226, 255});
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    labels.draw(canvas.get(), buf, kLeft - 10, y - 12, 24, content::HAlign::right);
  }
  labels.draw(canvas.get(), vi ? "giờ" : "hours", kLeft - 10, kTop - 40, 24, content::HAlign::right);

  const double group_w = static_cast<double>(plot_w) / std::max(weeks, 1);
  const double bar_w = std::max(1.0, group_w * 0.8 / std::max<std::size_t>(series.size(), 1));
  for (int wk = 0; wk < weeks; ++wk) {
    const std::int64_t monday = first_monday + 7 * wk;
    for (std::size_t i = 0; i < series.size(); ++i) {
      const auto it = series[i].hours.find(monday);
      if (it == series[i].hours.end()) continue;
      const int h = static_cast<int>(std::lround(it->second / axis_max * plot_h));
      const int x = kLeft + static_cast<int>(group_w * wk + group_w * 0.1 + bar_w * static_cast<double>(i));
      fill(canvas.get(), x, kTop + plot_h - h, std::max(1, static_cast<int>(bar_w) - 1), h, kPalette[i % 12]);
    }
    const auto d = scheduler::civil_from_days(monday);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d/%02d", d.day, d.month);
    labels.draw(canvas.get(), buf, kLeft + static_cast<int>(group_w * (wk + 0.5)), kTop + plot_h + 8, 22,
                content::HAlign::center);
  }
  fill(canvas.get(), kLeft, kTop + plot_h, plot_w, 2, {60, 66, 76, 255});
  labels.draw(canvas.get(), vi ? "Tuần bắt đầu thứ Hai (ngày/tháng)" : "Week starting Monday (day/month)",
              kLeft + plot_w / 2, kTop + plot_h + 40, 24, content::HAlign::center);

  // Legend: up to three columns of swatches under the axis.
  const int col_w = plot_w / 3;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const int x = kLeft + col_w * static_cast<int>(i % 3);
    const int y = kTop + plot_h + 80 + 26 * static_cast<int>(i / 3);
    fill(canvas.get(), x, y + 4, 18, 18, kPalette[i % 12]);
    labels.draw(canvas.get(), series[i].name, x + 26, y, 24, content::HAlign::left);
  }
  save_png(canvas.get(), out);
}

}  // namespace gatecast::player
