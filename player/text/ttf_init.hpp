#pragma once
// SDL_ttf is initialised once per process, by whoever needs it first, and never shut down:
// fonts may outlive any one owner.

namespace gatecast::player::text {

// Initialises SDL_ttf on first use; any thread. Throws Error(runtime) when it cannot.
void ensure_ttf();

}  // namespace gatecast::player::text
