#pragma once
// The manifest's `schedule` and `screen` blocks, read strictly into scheduler values
// (docs/schedule.md). Called by the manifest parser; problems throw Error(rejected) naming
// `subject` (the manifest file) and the JSON path.
#include <string>

#include <nlohmann/json.hpp>

#include "scheduler/schedule.hpp"

namespace gatecast::content {

[[nodiscard]] scheduler::Schedule parse_schedule(const nlohmann::json& value, const std::string& path,
                                                 const std::string& subject);
[[nodiscard]] scheduler::ScreenPolicy parse_screen_policy(const nlohmann::json& value,
                                                          const std::string& path,
                                                          const std::string& subject);

}  // namespace gatecast::content
