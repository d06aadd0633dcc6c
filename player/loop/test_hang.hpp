#pragma once
// A way for tests to freeze the play loop, so that they can watch systemd's watchdog kill and
// restart a hung player (tests/deploy/container_test.sh). Only with GATECAST_TEST_HANG_SIGNAL=1
// in the environment does SIGUSR2 freeze the loop; without it nothing is installed and SIGUSR2
// keeps its default action (it ends the process), so a screen has no way to hang its loop on
// purpose. Documented in gatecast(1), ENVIRONMENT.

namespace gatecast::player {

// At session start, before any thread is started: installs the SIGUSR2 handler when the
// environment asks for it.
void arm_test_hang_signal();

// Loop thread, once per turn: when SIGUSR2 came, stops turning for good (no frame, no
// watchdog ping) until the process is killed.
void hang_if_test_asked();

}  // namespace gatecast::player
