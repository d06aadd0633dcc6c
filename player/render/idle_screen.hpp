#pragma once
// What the screen shows when there is nothing to play (nothing installed, nothing scheduled,
// or the package unusable): the site's name, the time and date in every language of the site,
// and a short message in every one of them. Never black, never blank: without fonts it is
// still the idle colours.
#include <SDL2/SDL.h>

#include <string>

#include "player/render/frame_request.hpp"
#include "player/text/text_renderer.hpp"

namespace gatecast::player {

// The idle message in `lang` (vi, zh, en, lo, km, ja, ko); English for a language it does not know.
[[nodiscard]] std::string idle_message(const std::string& lang);
[[nodiscard]] bool has_idle_message(const std::string& lang);

// Draws the idle screen into `viewport` of `target` at `now`. `text` may be null (no fonts).
// Render thread.
void draw_idle_screen(const RenderSettings& settings, TextRenderer* text, Instant now, SDL_Surface* target,
                      const SDL_Rect& viewport);

// The next instant the idle screen changes (the clock's next minute).
[[nodiscard]] Instant idle_screen_next_change(Instant now);

}  // namespace gatecast::player
