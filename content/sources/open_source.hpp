#pragma once
// Turns what an operator typed or configured (a URL, a folder, a USB stick's mount point) into
// a Source.
#include <filesystem>
#include <memory>
#include <string>

#include "content/sources/source.hpp"

namespace gatecast::content {

// Opens what `where` names as a Source: an http(s):// URL (open_http_source with `options`,
// keeping the accepted signatures in `http_state_dir`), or a folder holding a publish tree
// (`channels/` in it) or a USB stick's root holding one in `gatecast/`. Throws
// Error(runtime) for a folder that is neither (naming it), Error(usage) for a URL that is
// not http(s).
[[nodiscard]] std::unique_ptr<Source> open_source(const std::string& where,
                                                  const std::filesystem::path& http_state_dir,
                                                  const HttpOptions& options);

// True for http:// and https:// addresses.
[[nodiscard]] bool is_http_url(const std::string& where);

}  // namespace gatecast::content
