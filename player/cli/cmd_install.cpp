#include "content/error.hpp"
#include "player/cli/commands.hpp"

namespace gatecast::cli {

// PLACEHOLDER: replaced by the command's real implementation.
int cmd_install(const Words&) { fail_runtime("install", "not built yet"); }

}  // namespace gatecast::cli
