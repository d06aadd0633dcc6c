#pragma once
// A process the test starts without waiting for it (a player to signal, to watch): its
// stdout and stderr go to out.txt and err.txt in `dir`; wait_exit() bounds the wait for it.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace gatecast::test {

inline pid_t spawn(const std::vector<std::string>& argv, const std::filesystem::path& dir) {
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    std::FILE* out = std::freopen((dir / "out.txt").c_str(), "w", stdout);
    std::FILE* err = std::freopen((dir / "err.txt").c_str(), "w", stderr);
    (void)out;
    (void)err;
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

// The exit code; -1 killed by a signal; -2 still running after `limit` (then killed).
inline int wait_exit(pid_t pid, std::chrono::seconds limit) {
  auto until = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (std::chrono::steady_clock::now() < until) {
    if (::waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return -2;  // hung
}

}  // namespace gatecast::test
