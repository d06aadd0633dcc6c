#pragma once
// A small tmpfs mounted at a temporary folder for one test, unmounted at the end, which a test
// fills to the last byte to make a really full disk (state.json unwritable, a play log line
// torn, a blob that cannot be staged). Mounting needs root (or CAP_SYS_ADMIN): without it the
// test fails, it never passes silently.
#include <sys/mount.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "support/temp_dir.hpp"

namespace gatecast::test {

class SmallFileSystem {
 public:
  explicit SmallFileSystem(const std::string& size = "2m") {
    if (::mount("tmpfs", dir_.path().c_str(), "tmpfs", MS_NOSUID | MS_NODEV, ("size=" + size).c_str()) != 0) {
      FAIL("cannot mount a " << size << " tmpfs at " << dir_.path() << " (" << std::strerror(errno)
                             << "): this test needs root or CAP_SYS_ADMIN");
    }
  }
  ~SmallFileSystem() { ::umount2(dir_.path().c_str(), MNT_DETACH); }
  SmallFileSystem(const SmallFileSystem&) = delete;
  SmallFileSystem& operator=(const SmallFileSystem&) = delete;

  std::filesystem::path path() const { return dir_.path(); }

  // Writes a filler file until the file system refuses a byte more.
  void fill() const {
    std::FILE* f = std::fopen((path() / "filler").c_str(), "wb");
    REQUIRE(f);
    std::setvbuf(f, nullptr, _IONBF, 0);
    const std::string chunk(4096, 'x');
    while (std::fwrite(chunk.data(), 1, chunk.size(), f) == chunk.size()) {
    }
    while (std::fwrite("x", 1, 1, f) == 1) {
    }
    std::fclose(f);
  }
  void free_space() const { std::filesystem::remove(path() / "filler"); }

 private:
  TempDir dir_{"gatecast-full-disk"};
};

}  // namespace gatecast::test
