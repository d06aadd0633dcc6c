#include "player/cli/progress_line.hpp"

#include <algorithm>
#include <string_view>

namespace gatecast::cli {

namespace {

using namespace std::chrono_literals;

constexpr std::uint64_t large_file = std::uint64_t{64} << 20;
constexpr auto slow_step = 1s;
constexpr auto redraw_every = 100ms;  // a terminal need not be rewritten faster than read

}  // namespace

void ProgressLine::update(const std::filesystem::path& file, const char* step, std::uint64_t done,
                          std::uint64_t total) {
  if (!terminal_) return;
  const Clock::time_point now = Clock::now();
  std::string what = file.string() + ": " + step;
  if (what != current_) {
    current_ = std::move(what);
    started_ = now;
    drawn_ = {};
  }
  const bool long_one =
      (std::string_view(step) == "hashing" && total > large_file) || now - started_ >= slow_step;
  if (!long_one || now - drawn_ < redraw_every) return;
  drawn_ = now;
  if (total > 0) {
    const unsigned percent = static_cast<unsigned>(std::min<std::uint64_t>(done, total) * 100 / total);
    std::fprintf(out_, "\rgatecast: %s %u %%\033[K", current_.c_str(), percent);
  } else {
    std::fprintf(out_, "\rgatecast: %s %.0f s\033[K", current_.c_str(), static_cast<double>(done) / 1e6);
  }
  std::fflush(out_);
  showing_ = true;
}

void ProgressLine::clear() {
  if (!showing_) return;
  std::fprintf(out_, "\r\033[K");
  std::fflush(out_);
  showing_ = false;
}

}  // namespace gatecast::cli
