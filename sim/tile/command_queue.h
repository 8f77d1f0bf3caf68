#pragma once
// The command queue between the core and the tile unit, as cycle arithmetic: it holds the start
// cycles of the commands that have entered it; a command leaves when it starts on its unit.
// Start cycles are kept sorted in two rings - MMAs, and everything else - so leaving is popping
// fronts and a full queue's first departure is the earlier front. The MAC engines start MMAs in
// program order and the other units mostly start in order too, so an insertion lands at or near
// the back of its ring (one ring for all would insert every early tile load behind the queued
// MMAs).
#include <algorithm>
#include <cstdint>
#include <memory>

namespace tile {

class CommandQueue {
 public:
  enum Ring : unsigned { kMac = 0, kOther = 1 };

  explicit CommandQueue(uint32_t depth) : depth_(depth) {
    while (mask_ + 1 < depth) mask_ = 2 * mask_ + 1;
    for (auto& r : rings_) r.slot.reset(new uint64_t[mask_ + 1]);
  }

  /// A command arrives at cycle t: returns the cycle it enters the queue - t, or when full, the
  /// earliest start among the queued commands (commands that started by then have left).
  uint64_t admit(uint64_t t) {
    leave(t);
    if (rings_[kMac].n + rings_[kOther].n < depth_) return t;
    const uint64_t first = std::min(rings_[kMac].front(), rings_[kOther].front());
    leave(first);
    return first;
  }

  /// Records a command that entered the queue and starts at `start` (sorted insert from the back).
  void push(Ring ring, uint64_t start) {
    RingBuf& r = rings_[ring];
    uint32_t i = r.n++;
    while (i && r.at(i - 1, mask_) > start) {
      r.at(i, mask_) = r.at(i - 1, mask_);
      --i;
    }
    r.at(i, mask_) = start;
  }

  void clear() {
    for (auto& r : rings_) r.head = r.n = 0;
  }

 private:
  struct RingBuf {
    std::unique_ptr<uint64_t[]> slot;
    uint32_t head = 0, n = 0;
    uint64_t& at(uint32_t i, uint32_t mask) { return slot[(head + i) & mask]; }
    uint64_t front() const { return n ? slot[head] : ~uint64_t(0); }
  };
  void leave(uint64_t now) {
    for (auto& r : rings_)
      while (r.n && r.slot[r.head] <= now) {
        r.head = (r.head + 1) & mask_;
        --r.n;
      }
  }
  uint32_t depth_, mask_ = 0;
  RingBuf rings_[2];
};

}  // namespace tile
