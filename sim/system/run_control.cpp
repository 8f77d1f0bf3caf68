#include "sim/system/run_control.h"

#include <csignal>

namespace sys {

RunControl& run_control() {
  static RunControl rc;
  return rc;
}

static void on_sigint(int) {
  run_control().interrupt.store(true, std::memory_order_relaxed);  // lock-free: safe in a handler
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once
}

void install_sigint_handler() { std::signal(SIGINT, on_sigint); }

}  // namespace sys
