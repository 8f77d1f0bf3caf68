#include "sim/system/hart_scheduler.h"

#include <algorithm>

namespace sys {

HartScheduler::HartScheduler(std::vector<core::Hart*> harts, uint64_t quantum_cycles, core::Reservations* resv)
    : harts_(std::move(harts)), resv_(resv), quantum_(quantum_cycles) {
  for (unsigned i = 0; i < harts_.size(); ++i) heap_.push_back({harts_[i]->cycle(), i});
  std::make_heap(heap_.begin(), heap_.end(), std::greater<Key>());
}

HartScheduler::Result HartScheduler::run(uint64_t max_cycles, const std::function<bool(uint64_t)>& between) {
  const auto greater = std::greater<Key>();
  uint64_t next_boundary = heap_.empty() ? 0 : (heap_.front().cycle / quantum_ + 1) * quantum_;
  for (;;) {
    if (heap_.empty()) return {End::Parked, 0};
    const Key k = heap_.front();
    if (k.cycle >= max_cycles) return {End::Watchdog, k.id};
    if (k.cycle >= next_boundary) {  // the whole chip has passed a quantum boundary
      if (!between(k.cycle)) return {End::Interrupted, k.id};
      next_boundary = (k.cycle / quantum_ + 1) * quantum_;
    }
    std::pop_heap(heap_.begin(), heap_.end(), greater);
    heap_.pop_back();
    core::Hart& h = *harts_[k.id];
    // Synchronising instructions while (cycle, id) stays below every other hart's.
    uint64_t limit = ~uint64_t(0);
    if (!heap_.empty()) {
      const Key& o = heap_.front();
      limit = o.cycle + (k.id < o.id ? 1 : 0);
    }
    h.set_sync_limit(limit);
    if (resv_) resv_->reset_clamp();
    const uint64_t until = std::min(max_cycles, (k.cycle / quantum_ + 1) * quantum_);
    ++slices_;
    const core::Stop st = h.run(until);
    if (st == core::Stop::Exit) return {End::Exit, k.id};
    if (st == core::Stop::Fault) return {End::Fault, k.id};
    // wfi: parked for good; wrs.nto: until a store ends its reservation (below). Both leave the heap.
    if (st != core::Stop::Wfi && st != core::Stop::Wrs) {
      heap_.push_back({h.cycle(), k.id});
      std::push_heap(heap_.begin(), heap_.end(), greater);
    }
    if (resv_ && resv_->any_woken())  // harts this slice's stores woke, at the cycle after the store
      for (const auto& [w, at] : resv_->take_woken()) {
        harts_[w]->wake(at);
        heap_.push_back({harts_[w]->cycle(), w});
        std::push_heap(heap_.begin(), heap_.end(), greater);
      }
  }
}

}  // namespace sys
