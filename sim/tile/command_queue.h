#pragma once
// The command queue between the core and the tile unit, as cycle arithmetic: it holds the start
// cycles of the commands that have entered it; a command leaves when it starts on its unit. The
// queue is kept per unit class in rings sorted by start cycle: each unit starts its commands in
// program order, so an insertion almost always lands at the back, and leaving is popping fronts.
#include <algorithm>
#include <cstdint>
#include <vector>

namespace tile {

class CommandQueue {
 public:
  enum Unit : unsigned { kMac, kVec, kLdSt, kDma, kUnits };

  explicit CommandQueue(uint32_t depth) : depth_(depth) {
    for (auto& r : rings_) r.slot.assign(depth, 0);
  }

  /// A command arrives at cycle t: returns the cycle it enters the queue - t, or when full, the
  /// earliest start among the queued commands (commands that started by then have left).
  uint64_t admit(uint64_t t) {
    leave(t);
    if (size_ < depth_) return t;
    uint64_t first = ~0ull;
    for (const Ring& r : rings_)
      if (r.n) first = std::min(first, r.front());
    leave(first);
    return first;
  }

  /// Records a command of `unit` that entered the queue and starts at `start`.
  void push(Unit unit, uint64_t start) {
    Ring& r = rings_[unit];
    uint32_t i = r.n++;  // sorted insert from the back
    while (i && r.at(i - 1) > start) {
      r.at(i) = r.at(i - 1);
      --i;
    }
    r.at(i) = start;
    ++size_;
  }

  void clear() {
    for (Ring& r : rings_) r.head = r.n = 0;
    size_ = 0;
  }

 private:
  struct Ring {
    std::vector<uint64_t> slot;
    uint32_t head = 0, n = 0;
    uint64_t& at(uint32_t i) {
      const uint32_t k = head + i;  // i < slot.size()
      return slot[k < slot.size() ? k : k - slot.size()];
    }
    uint64_t front() const { return slot[head]; }
  };
  /// Commands that started by `now` have left.
  void leave(uint64_t now) {
    for (Ring& r : rings_)
      while (r.n && r.front() <= now) {
        if (++r.head == r.slot.size()) r.head = 0;
        --r.n;
        --size_;
      }
  }
  uint32_t depth_, size_ = 0;
  Ring rings_[kUnits];
};

}  // namespace tile
