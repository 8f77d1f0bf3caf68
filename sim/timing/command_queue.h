#pragma once
// The command queue between the core and the tile unit, as cycle arithmetic: it holds the start
// cycles of the commands that have entered it; a command leaves when it starts on its unit.
// Start cycles are kept sorted in two rings: MMAs (the MAC engines start them in program order,
// so they append) and the other commands (their units mostly start in order too: an insertion
// lands at or near the back). Leaving is popping fronts; a full queue's first departure is the
// earlier front. (One ring for all would insert every early tile load behind the queued MMAs.)
#include <algorithm>
#include <cstdint>
#include <memory>

namespace timing {

class CommandQueue {
 public:
  explicit CommandQueue(uint32_t depth) : depth_(depth) {
    while (mask_ + 1 < depth) mask_ = 2 * mask_ + 1;
    mac_.slot.reset(new uint64_t[mask_ + 1]);
    other_.slot.reset(new uint64_t[mask_ + 1]);
  }

  /// A command arrives at cycle t: returns the cycle it enters the queue - t, or when full, the
  /// earliest start among the queued commands (commands that started by then have left).
  uint64_t admit(uint64_t t) {
    leave(mac_, t);
    leave(other_, t);
    if (mac_.n + other_.n < depth_) return t;
    const uint64_t first = std::min(mac_.front(), other_.front());
    leave(mac_, first);
    leave(other_, first);
    return first;
  }

  /// Records an MMA that entered the queue and starts at `start` (never before the previous MMA).
  void push_mac(uint64_t start) { mac_.slot[(mac_.head + mac_.n++) & mask_] = start; }

  /// Records another command that entered the queue and starts at `start`.
  void push_other(uint64_t start) {
    uint64_t* const slot = other_.slot.get();
    const uint32_t mask = mask_, head = other_.head;
    uint32_t i = other_.n++;
    for (; i; --i) {  // sorted insert from the back
      const uint64_t prev = slot[(head + i - 1) & mask];
      if (prev <= start) break;
      slot[(head + i) & mask] = prev;
    }
    slot[(head + i) & mask] = start;
  }

  void clear() { mac_.head = mac_.n = other_.head = other_.n = 0; }

 private:
  struct Ring {
    std::unique_ptr<uint64_t[]> slot;
    uint32_t head = 0, n = 0;
    uint64_t front() const { return n ? slot[head] : ~uint64_t(0); }
  };
  void leave(Ring& r, uint64_t now) const {
    const uint64_t* const slot = r.slot.get();
    uint32_t head = r.head, n = r.n;
    while (n && slot[head] <= now) {
      head = (head + 1) & mask_;
      --n;
    }
    r.head = head;
    r.n = n;
  }
  uint32_t depth_, mask_ = 0;
  Ring mac_, other_;
};

}  // namespace timing
