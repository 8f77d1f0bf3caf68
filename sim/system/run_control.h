#pragma once
// What steers a running simulation from outside the guest: an interrupt request (SIGINT) and a
// progress callback. The core module consults both between quanta only, so neither changes
// the simulated cycles.
#include <atomic>
#include <cstdint>
#include <functional>

namespace sys {

struct RunControl {
  /// Set (e.g. by a SIGINT handler) to stop the run at the next quantum boundary; the run then
  /// ends with Outcome::Interrupted and a report of what was simulated so far.
  std::atomic<bool> interrupt{false};
  /// Called between quanta, at most every `progress_period_s` of host time, with the cycles and
  /// instructions simulated so far.
  std::function<void(uint64_t cycles, uint64_t instret)> progress;
  double progress_period_s = 0.25;
};

/// The process's run control (one simulation runs at a time).
RunControl& run_control();

/// Installs a SIGINT handler that sets run_control().interrupt (a second Ctrl-C kills the
/// process the default way).
void install_sigint_handler();

}  // namespace sys
