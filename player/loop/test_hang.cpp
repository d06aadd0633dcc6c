#include "player/loop/test_hang.hpp"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace gatecast::player {

namespace {

std::atomic<bool> hang_asked{false};

extern "C" void on_hang_signal(int) {
  hang_asked.store(true, std::memory_order_relaxed);
}

}  // namespace

void arm_test_hang_signal() {
  const char* flag = std::getenv("GATECAST_TEST_HANG_SIGNAL");
  if (!flag || std::strcmp(flag, "1") != 0) return;
  struct sigaction action {};
  action.sa_handler = on_hang_signal;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGUSR2, &action, nullptr);
  std::fprintf(stderr, "gatecast: test hook armed: SIGUSR2 freezes the loop (GATECAST_TEST_HANG_SIGNAL)\n");
}

void hang_if_test_asked() {
  if (!hang_asked.load(std::memory_order_relaxed)) return;
  std::fprintf(stderr, "gatecast: test hook: the loop stops turning now\n");
  std::fflush(stderr);
  for (;;) ::pause();
}

}  // namespace gatecast::player
