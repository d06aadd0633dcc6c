#pragma once
// The gatecast subcommands, one file each (cmd_<name>.cpp). Each takes the words after its
// name, returns the exit code, and reports problems by throwing gatecast::Error; main.cpp
// turns that into the one-line "gatecast: ..." message and the exit code.
#include <string>
#include <vector>

namespace gatecast::cli {

using Words = std::vector<std::string>;

int cmd_keygen(const Words& args);
int cmd_keys(const Words& args);
int cmd_pack(const Words& args);
int cmd_notice(const Words& args);
int cmd_sign(const Words& args);
int cmd_verify(const Words& args);
int cmd_install(const Words& args);
int cmd_play(const Words& args);
int cmd_render(const Words& args);
int cmd_preview(const Words& args);
int cmd_schedule(const Words& args);
int cmd_status(const Words& args);
int cmd_report(const Words& args);
int cmd_fleet(const Words& args);

}  // namespace gatecast::cli
