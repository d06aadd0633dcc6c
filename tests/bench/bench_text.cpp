// Text engine costs at 1920x1080: a trilingual stacked block auto-fitted and rasterized, the
// same block from the cache, a clock string changing every second, and a ticker line; against
// a baseline measured in the same run: SDL_ttf rasterizing the same words once, in one font at
// the chosen size, with no fitting, fallback or outline. Figures are CPU time of the thread.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "player/text/text_renderer.hpp"

using namespace gatecast;
namespace {

// CPU time of this thread, in ms: the machine is shared, so wall time would measure the others.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct Figures {
  double p50_ms, p99_ms;
};

template <typename F>
Figures measure(int runs, F&& body) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    double t0 = thread_cpu_ms();
    body(i);
    ms.push_back(thread_cpu_ms() - t0);
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]};
}

void print(const char* what, Figures f, double baseline_p50) {
  std::printf("%-48s p50 %8.3f ms  p99 %8.3f ms  (%.2fx baseline)\n", what, f.p50_ms, f.p99_ms,
              f.p50_ms / baseline_p50);
}

}  // namespace

int main() {
  player::FontChain fonts = player::FontChain::load();
  player::TextRenderer renderer(fonts);
  const std::vector<std::string> stacked{"Chào mừng quý khách đến cửa khẩu quốc tế Hữu Nghị",
                                         "欢迎来到友谊关国际口岸",
                                         "Welcome to Huu Nghi International Border Gate"};
  content::TextStyle style;
  style.min_size = 24;
  style.max_size = 140;
  style.outline = content::Outline{3, {0, 0, 0, 255}};
  const int w = 1600, h = 500;
  const int size = renderer.fit_size(stacked, style, w, h, 1.0);

  // Baseline: each paragraph rasterized once by SDL_ttf alone, primary font, chosen size.
  if (TTF_Init() != 0) return 1;
  player::FontPtr primary(TTF_OpenFontIndex(
      fonts.faces().at(static_cast<std::size_t>(fonts.primary())).regular.c_str(), size, 0));
  if (!primary) return 1;
  Figures baseline = measure(40, [&](int) {
    for (const auto& p : stacked) {
      player::SurfacePtr s(TTF_RenderUTF8_Blended(primary.get(), p.c_str(), SDL_Color{255, 255, 255, 255}));
    }
  });
  std::printf("stacked block %dx%d, fitted size %d px\n", w, h, size);
  std::printf("%-48s p50 %8.3f ms  p99 %8.3f ms\n", "baseline: TTF_RenderUTF8_Blended x3", baseline.p50_ms,
              baseline.p99_ms);

  print("render_block, uncached (fit + fallback + outline)",
        measure(40,
                [&](int) {
                  renderer.clear_cache();
                  (void)renderer.render_block(stacked, style, w, h, 1.0);
                }),
        baseline.p50_ms);
  print("fit_size alone", measure(40, [&](int) { (void)renderer.fit_size(stacked, style, w, h, 1.0); }),
        baseline.p50_ms);
  (void)renderer.render_block(stacked, style, w, h, 1.0);
  print("render_block, cached",
        measure(1000, [&](int) { (void)renderer.render_block(stacked, style, w, h, 1.0); }), baseline.p50_ms);

  // The same block in the other language sets a province shows, each paragraph in its language.
  const std::vector<std::pair<const char*, std::vector<player::WrittenText>>> sets = {
      {"vi/zh/en, with languages", {{stacked[0], "vi"}, {stacked[1], "zh"}, {stacked[2], "en"}}},
      {"vi/lo/km/en (Kon Tum)",
       {{"Chào mừng quý khách đến cửa khẩu quốc tế Bờ Y", "vi"},
        {"ຍິນດີຕ້ອນຮັບສູ່ດ່ານສາກົນບໍ່ອີ", "lo"},
        {"សូមស្វាគមន៍មកកាន់ច្រកទ្វារព្រំដែនអន្តរជាតិបឺអ៊ី", "km"},
        {"Welcome to Bo Y International Border Gate", "en"}}},
      {"vi/en/zh/ja/ko (Hai Duong)",
       {{"Chào mừng quý khách đến Hải Dương", "vi"},
        {"Welcome to Hai Duong", "en"},
        {"欢迎来到海阳省", "zh"},
        {"ハイズオン省へようこそ", "ja"},
        {"하이즈엉성에 오신 것을 환영합니다", "ko"}}},
  };
  for (const auto& [name, paragraphs] : sets) {
    std::string label = std::string(name) + ", uncached";
    print(label.c_str(),
          measure(40,
                  [&](int) {
                    renderer.clear_cache();
                    (void)renderer.render_block(paragraphs, style, w, h, 1.0);
                  }),
          baseline.p50_ms);
    label = std::string(name) + ", cached";
    (void)renderer.render_block(paragraphs, style, w, h, 1.0);
    print(label.c_str(),
          measure(1000, [&](int) { (void)renderer.render_block(paragraphs, style, w, h, 1.0); }),
          baseline.p50_ms);
  }

  content::TextStyle clock_style;
  clock_style.min_size = 24;
  clock_style.max_size = 96;
  print("clock: new time string every call (400x120)",
        measure(120,
                [&](int i) {
                  char buf[32];
                  std::snprintf(buf, sizeof buf, "10:%02d:%02d", (i / 60) % 60, i % 60);
                  (void)renderer.render_block({buf, "Thứ Hai, 23/11/2026"}, clock_style, 400, 120, 1.0);
                }),
        baseline.p50_ms);

  std::string ticker;
  for (int i = 0; i < 3; ++i)
    ticker += "Thông báo: cửa khẩu mở cửa từ 7:00 đến 19:00 • 通知：口岸开放时间 7:00–19:00 • Notice: ";
  print("ticker line, 60 px strip, uncached",
        measure(20,
                [&](int) {
                  renderer.clear_cache();
                  (void)renderer.render_line(ticker, clock_style, 60, 1.0);
                }),
        baseline.p50_ms);
  print("FontChain::load (bundled chain, SC face lookup)",
        measure(10, [&](int) { (void)player::FontChain::load(); }), baseline.p50_ms);
  return 0;
}
