#pragma once
// A real X server for the tests that need a window: Xvfb on a display number of the test
// process's own (parallel tests and a developer's :99 do not clash), stopped at scope end.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

namespace gatecast::test {

class Xvfb {
 public:
  // Starts Xvfb at `size` (e.g. "1920x1080x24") and waits for its socket; available() is false
  // when Xvfb is not installed or did not come up within 10 s.
  explicit Xvfb(const std::string& size = "1920x1080x24") {
    if (::access(binary, X_OK) != 0) return;
    display_ = ":" + std::to_string(150 + ::getpid() % 700);
    pid_ = ::fork();
    if (pid_ == 0) {
      std::freopen("/dev/null", "w", stderr);
      ::execl(binary, binary, display_.c_str(), "-screen", "0", size.c_str(), "-nolisten", "tcp",
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    const std::filesystem::path socket = "/tmp/.X11-unix/X" + display_.substr(1);
    for (int i = 0; i < 200 && !std::filesystem::exists(socket); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    up_ = std::filesystem::exists(socket);
  }
  ~Xvfb() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  Xvfb(const Xvfb&) = delete;
  Xvfb& operator=(const Xvfb&) = delete;

  [[nodiscard]] bool available() const { return up_; }
  [[nodiscard]] const std::string& display() const { return display_; }

 private:
  static constexpr const char* binary = "/usr/bin/Xvfb";
  std::string display_;
  pid_t pid_ = -1;
  bool up_ = false;
};

}  // namespace gatecast::test
