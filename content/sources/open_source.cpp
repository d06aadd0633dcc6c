#include "content/sources/open_source.hpp"

#include "content/base/error.hpp"

namespace gatecast::content {

bool is_http_url(const std::string& where) {
  return where.rfind("http://", 0) == 0 || where.rfind("https://", 0) == 0;
}

std::unique_ptr<Source> open_source(const std::string& where, const std::filesystem::path& http_state_dir,
                                    const HttpOptions& options) {
  if (is_http_url(where)) return open_http_source(where, http_state_dir, options);
  const std::filesystem::path folder(where);
  std::error_code ec;
  if (std::filesystem::is_directory(folder / "channels", ec)) return open_folder_source(folder);
  if (std::filesystem::is_directory(folder / "gatecast" / "channels", ec)) {
    return open_folder_source(folder / "gatecast");
  }
  if (!std::filesystem::exists(folder, ec)) fail_runtime(Reason::not_found, where, "no such folder");
  fail_runtime(Reason::not_found, where,
               "is not a publish tree (no channels/ folder in it or in its gatecast/ folder)");
}

}  // namespace gatecast::content
