#include "content/publish/manifest_write.hpp"

namespace gatecast::content {

std::string canonical_json(const nlohmann::json& document) {
  // nlohmann's object is a std::map: keys come out sorted byte-wise. Strict error handling:
  // the document was built from validated UTF-8, so an invalid sequence is a bug to surface.
  return document.dump(2, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::strict) + "\n";
}

}  // namespace gatecast::content
