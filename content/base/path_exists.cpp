#include "content/base/path_exists.hpp"

#include <system_error>

#include "content/base/error.hpp"

namespace gatecast::content {

bool path_exists(const std::filesystem::path& path, Links links) {
  std::error_code ec;
  const std::filesystem::file_status status = links == Links::followed
                                                  ? std::filesystem::status(path, ec)
                                                  : std::filesystem::symlink_status(path, ec);
  // not_found covers ENOENT and ENOTDIR; an unknown status is an error the system gave.
  if (status.type() == std::filesystem::file_type::not_found) return false;
  if (!std::filesystem::status_known(status))
    fail_runtime(Reason::io, path.string(), "cannot be looked at: " + ec.message());
  return true;
}

}  // namespace gatecast::content
