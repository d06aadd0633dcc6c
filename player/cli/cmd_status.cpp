#include "content/error.hpp"
#include "player/cli/commands.hpp"

namespace gatecast::cli {

// PLACEHOLDER: replaced by the command's real implementation.
int cmd_status(const Words&) { fail_runtime("status", "not built yet"); }

}  // namespace gatecast::cli
