#include "content/error.hpp"
#include "player/cli/commands.hpp"

namespace gatecast::cli {

// PLACEHOLDER: replaced by the command's real implementation.
int cmd_render(const Words&) { fail_runtime("render", "not built yet"); }

}  // namespace gatecast::cli
