#pragma once
// The manifest's bytes as pack writes them: canonical JSON (keys sorted, two-space indent,
// UTF-8 unescaped, a final newline), so that the same content packs to the same bytes and a
// diff of two versions reads well.
#include <string>

#include <nlohmann/json.hpp>

namespace gatecast::content {

// Pure; any thread.
[[nodiscard]] std::string canonical_json(const nlohmann::json& document);

}  // namespace gatecast::content
