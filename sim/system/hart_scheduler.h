#pragma once
// Runs the harts of a chip on one host thread, deterministically (plain C++, no SystemC).
//
// The hart furthest behind in simulated time - the least (cycle, hart id) - runs next, up to the
// next quantum boundary. Synchronising instructions (AMOs, LR/SC, fences, ecalls, tohost, Xtile
// DMAs: core::Hart::set_sync_limit) execute only while their hart is still the least (cycle, id)
// of all: otherwise the hart stops before one and the others catch up. So every access to shared
// state that the guest synchronises on, and every booking of the shared memory system, happens in
// simulated-time order, ties broken by hart id, whatever the quantum or the host: results and
// cycles never depend on the quantum. Plain loads and stores are not ordered across harts between
// synchronisations (a racy program may see another hart's store up to a quantum early or late).
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/core/hart.h"

namespace sys {

class HartScheduler {
 public:
  /// `resv`: the harts' shared reservations (Zawrs wake-ups), or null for a lone hart.
  HartScheduler(std::vector<core::Hart*> harts, uint64_t quantum_cycles, core::Reservations* resv = nullptr);

  enum class End { Exit, Fault, Watchdog, Parked, Interrupted };
  struct Result {
    End end = End::Exit;
    unsigned hart = 0;  ///< the hart that exited or faulted
  };
  /// Runs until a hart exits or faults, every hart waits (wfi, or wrs.nto with nobody left to wake it), or every running hart has
  /// reached `max_cycles`. `between(now)` is called whenever the least hart cycle `now` passes a
  /// quantum boundary (host control: progress, SystemC time); false stops the run (Interrupted).
  Result run(uint64_t max_cycles, const std::function<bool(uint64_t now)>& between);

  /// Times a hart was started (run() calls), for the host-cost report.
  uint64_t slices() const { return slices_; }

 private:
  struct Key {
    uint64_t cycle;
    unsigned id;
    bool operator>(const Key& o) const { return cycle != o.cycle ? cycle > o.cycle : id > o.id; }
  };
  std::vector<core::Hart*> harts_;
  core::Reservations* resv_;
  std::vector<Key> heap_;  // min-heap of the running harts (std::push_heap with greater)
  uint64_t quantum_;
  uint64_t slices_ = 0;
};

}  // namespace sys
