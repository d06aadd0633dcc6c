// The headless display: a software canvas and PNGs on disk, no video driver. Used by
// `gatecast play --headless`, by the tests, and on a screen whose output is checked remotely.
#include <SDL2/SDL_image.h>

#include <cstdio>
#include <string>

#include "content/base/error.hpp"
#include "player/display/display.hpp"
#include "player/display/display_parts.hpp"

namespace gatecast::player {

namespace {

class HeadlessDisplay final : public Display {
 public:
  explicit HeadlessDisplay(const DisplayOptions& options)
      : options_(options),
        canvas_(make_canvas(options.viewport ? options.viewport->w : options.width,
                            options.viewport ? options.viewport->h : options.height)) {
    std::error_code error;
    std::filesystem::create_directories(options_.preview_dir, error);
    if (error)
      fail_runtime(Reason::io, options_.preview_dir.string(),
                   "cannot create the preview folder: " + error.message());
  }

  SDL_Surface* canvas() override { return canvas_.get(); }

  void present(Instant) override { presented_ = true; }

  DisplayEvents wait(Duration max, Wakeup& wakeup) override {
    DisplayEvents events;
    events.woken = wakeup.wait_for(max);
    return events;
  }

  std::optional<Instant> write_due_preview(Instant now) override {
    if (!next_preview_) next_preview_ = now;  // the first frame is written at once
    if (presented_ && now >= *next_preview_) {
      write_preview();
      next_preview_ = now + options_.preview_every;
    }
    return next_preview_;
  }

  std::string describe() const override {
    return "headless " + std::to_string(canvas_->w) + "x" + std::to_string(canvas_->h) +
           ", preview pictures in " + options_.preview_dir.string() + " every " +
           std::to_string(options_.preview_every.count() / 1000.0).substr(0, 5) + " s";
  }

 private:
  void write_preview() {
    ++written_;
    char name[32];
    std::snprintf(name, sizeof name, "frame-%06llu.png", static_cast<unsigned long long>(written_));
    write_png_atomically(canvas_.get(), options_.preview_dir / name);
    write_png_atomically(canvas_.get(), options_.preview_dir / "latest.png");
    if (written_ > static_cast<unsigned long long>(options_.keep_previews)) {
      std::snprintf(name, sizeof name, "frame-%06llu.png",
                    static_cast<unsigned long long>(written_ -
                                                    static_cast<unsigned long long>(options_.keep_previews)));
      std::error_code ignored;
      std::filesystem::remove(options_.preview_dir / name, ignored);
    }
  }

  DisplayOptions options_;
  SurfacePtr canvas_;
  bool presented_ = false;
  std::optional<Instant> next_preview_;
  unsigned long long written_ = 0;
};

}  // namespace

std::unique_ptr<Display> open_headless_display(const DisplayOptions& options) {
  return std::make_unique<HeadlessDisplay>(options);
}

void write_png_atomically(SDL_Surface* surface, const std::filesystem::path& file) {
  std::filesystem::path temporary = file;
  temporary += ".tmp";
  if (IMG_SavePNG(surface, temporary.c_str()) != 0) {
    fail_runtime(Reason::io, file.string(), std::string("cannot write the picture: ") + IMG_GetError());
  }
  std::error_code error;
  std::filesystem::rename(temporary, file, error);
  if (error)
    fail_runtime(Reason::io, file.string(), "cannot rename the picture into place: " + error.message());
}

}  // namespace gatecast::player
