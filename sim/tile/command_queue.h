#pragma once
// The command queue between the core and the tile unit, as cycle arithmetic: it holds the start
// cycles of the commands that have entered it; a command leaves when it starts on its unit. The
// start cycles are kept sorted in a ring, so leaving is popping the front and a full queue's
// first departure is the front. Units start their commands in program order, so an insertion
// lands at or near the back.
#include <cstdint>
#include <memory>

namespace tile {

class CommandQueue {
 public:
  explicit CommandQueue(uint32_t depth) : depth_(depth) {
    while (mask_ + 1 < depth) mask_ = 2 * mask_ + 1;
    slot_.reset(new uint64_t[mask_ + 1]);
  }

  /// A command arrives at cycle t: returns the cycle it enters the queue - t, or when full, the
  /// earliest start among the queued commands (commands that started by then have left).
  uint64_t admit(uint64_t t) {
    leave(t);
    if (n_ < depth_) return t;
    const uint64_t first = slot_[head_];
    leave(first);
    return first;
  }

  /// Records a command that entered the queue and starts at `start` (sorted insert from the back).
  void push(uint64_t start) {
    uint64_t* const slot = slot_.get();
    const uint32_t mask = mask_, head = head_;
    uint32_t i = n_++;
    for (; i; --i) {
      const uint64_t prev = slot[(head + i - 1) & mask];
      if (prev <= start) break;
      slot[(head + i) & mask] = prev;
    }
    slot[(head + i) & mask] = start;
  }

  void clear() { head_ = n_ = 0; }

 private:
  void leave(uint64_t now) {
    const uint64_t* const slot = slot_.get();
    uint32_t head = head_, n = n_;
    while (n && slot[head] <= now) {
      head = (head + 1) & mask_;
      --n;
    }
    head_ = head;
    n_ = n;
  }
  uint32_t depth_, mask_ = 0, head_ = 0, n_ = 0;
  std::unique_ptr<uint64_t[]> slot_;
};

}  // namespace tile
