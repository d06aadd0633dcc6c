#pragma once
// A fresh folder under the system temp dir (or `base`) for one test, removed with everything in
// it when the test ends (also when it fails).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

namespace gatecast::test {

class TempDir {
 public:
  explicit TempDir(const std::string& tag = "gatecast-test",
                   const std::filesystem::path& base = std::filesystem::temp_directory_path()) {
    std::string pattern = (base / (tag + "-XXXXXX")).string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace gatecast::test
