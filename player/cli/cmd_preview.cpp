#include "content/error.hpp"
#include "player/cli/commands.hpp"

namespace gatecast::cli {

// PLACEHOLDER: replaced by the command's real implementation.
int cmd_preview(const Words&) { fail_runtime("preview", "not built yet"); }

}  // namespace gatecast::cli
