#pragma once
// Runs a program the way a user would (the gatecast binary, the minisign tool, nginx) and
// captures its exit code, stdout and stderr. No shell is involved: arguments are passed as
// they are.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/files.hpp"

namespace gatecast::test {

struct RunResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
};

// Runs argv[0] (looked up in PATH when it has no slash) with `stdin_text` on its standard
// input, waits for it, and returns what it printed.
inline RunResult run(const std::vector<std::string>& argv, const std::string& stdin_text = {}) {
  char out_template[] = "/tmp/gatecast-run-out-XXXXXX";
  char err_template[] = "/tmp/gatecast-run-err-XXXXXX";
  char in_template[] = "/tmp/gatecast-run-in-XXXXXX";
  int out_fd = ::mkstemp(out_template), err_fd = ::mkstemp(err_template), in_fd = ::mkstemp(in_template);
  if (out_fd < 0 || err_fd < 0 || in_fd < 0) throw std::runtime_error("mkstemp failed");
  if (!stdin_text.empty() && ::write(in_fd, stdin_text.data(), stdin_text.size()) < 0) {
    throw std::runtime_error("cannot write stdin file");
  }
  ::lseek(in_fd, 0, SEEK_SET);
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in_fd, 0);
    ::dup2(out_fd, 1);
    ::dup2(err_fd, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    std::fprintf(stderr, "exec %s failed: errno %d\n", args[0], errno);
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  RunResult r;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  ::close(out_fd);
  ::close(err_fd);
  ::close(in_fd);
  r.out = read_whole(out_template);
  r.err = read_whole(err_template);
  ::unlink(out_template);
  ::unlink(err_template);
  ::unlink(in_template);
  return r;
}

// The gatecast binary built next to the tests.
inline RunResult gatecast(std::vector<std::string> args) {
  args.insert(args.begin(), GATECAST_BINARY);
  return run(args);
}

}  // namespace gatecast::test
