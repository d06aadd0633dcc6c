// Fuzz target for the HTTP response-header reader (content/sources/response_header.cpp): the
// input is split into lines as libcurl would hand them over. A crash, a status outside 0 and
// 100..999, or a kept validator over its bound is a finding.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "content/sources/response_header.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  gatecast::content::HttpResponse head;
  long status = 0;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    const std::string_view line = rest.substr(0, end == std::string_view::npos ? rest.size() : end + 1);
    rest.remove_prefix(line.size());
    gatecast::content::read_response_header_line(line, head, status);
    if (status != 0 && (status < 100 || status > 999)) std::abort();
    if (head.etag.size() > 256 || head.last_modified.size() > 128) std::abort();
  }
  return 0;
}
