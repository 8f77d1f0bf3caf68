#pragma once
// LR/SC reservations of all harts of a chip (RV32A, unprivileged spec ch. "A"): each hart holds
// at most one reserved word. A store to a reserved word by another hart ends that reservation
// (so the victim's sc.w fails); a hart's own stores keep it. One instance per chip; a lone hart
// makes its own.
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace core {

class Reservations {
 public:
  explicit Reservations(unsigned harts = 1) : addr_(harts, kNone), waiting_(harts, 0) {}
  unsigned harts() const { return static_cast<unsigned>(addr_.size()); }
  /// Hart h's lr.w on word `addr` (replaces its previous reservation).
  void reserve(unsigned h, uint32_t addr) {
    drop(h);
    addr_[h] = addr & ~3u;
    ++live_;
    ++words_[addr_[h]];
  }
  /// Hart h's sc.w on `addr`: whether its reservation covers the word. The reservation ends.
  bool take(unsigned h, uint32_t addr) {
    const bool ok = addr_[h] == (addr & ~3u);
    drop(h);
    return ok;
  }
  /// Ends hart h's reservation (sc.w, a trap, reset).
  void drop(unsigned h) {
    if (addr_[h] == kNone) return;
    --live_;
    auto it = words_.find(addr_[h]);
    if (--it->second == 0) words_.erase(it);
    addr_[h] = kNone;
  }
  bool held(unsigned h) const { return addr_[h] != kNone; }
  /// Reservations held by any hart (the store paths test this first: usually 0).
  const unsigned* live() const { return &live_; }

  /// Zawrs: hart h waits (wrs.nto) until its reservation ends.
  void set_waiting(unsigned h) { waiting_[h] = 1; }
  /// Would a store of [addr, addr + len) by hart h wake a waiting hart? (Such a store
  /// synchronises: it happens in simulated-time order, like an AMO.)
  bool would_wake(unsigned h, uint32_t addr, unsigned len) const {
    const uint32_t first = addr & ~3u, last = (addr + len - 1) & ~3u;
    for (const auto& [w, n] : words_)
      if (w >= first && w <= last)
        for (unsigned o = 0; o < addr_.size(); ++o)
          if (o != h && waiting_[o] && addr_[o] == w) return true;
    return false;
  }
  /// Hart h stored [addr, addr + len) at cycle `cycle`: the other harts' reservations on those
  /// words end; a hart waiting on one wakes at cycle + 1 (woken()), and hart h may then do
  /// synchronising instructions only below clamp() (so that they stay in time order with it).
  void stored(unsigned h, uint32_t addr, unsigned len, uint64_t cycle = 0) {
    if (live_ == 0) return;
    const uint32_t first = addr & ~3u, last = (addr + len - 1) & ~3u;
    bool hit = false;  // usually few distinct words are reserved (a barrier's): test them first
    for (const auto& [w, n] : words_)
      if (w >= first && w <= last) hit = true;
    if (!hit) return;
    for (unsigned o = 0; o < addr_.size(); ++o) {
      if (o == h || addr_[o] == kNone || addr_[o] < first || addr_[o] > last) continue;
      drop(o);
      if (waiting_[o]) {
        waiting_[o] = 0;
        woken_.push_back({o, cycle + 1});
        const uint64_t limit = cycle + 1 + (h < o ? 1 : 0);
        if (limit < clamp_) clamp_ = limit;
      }
    }
  }
  /// Harts woken since the last take_woken() and the cycle each resumes at.
  std::vector<std::pair<unsigned, uint64_t>> take_woken() { return std::move(woken_); }
  bool any_woken() const { return !woken_.empty(); }
  /// See stored(); the scheduler resets it before each hart's slice.
  uint64_t clamp() const { return clamp_; }
  void reset_clamp() { clamp_ = ~uint64_t(0); }
  void clear_waiting(unsigned h) { waiting_[h] = 0; }

 private:
  static constexpr uint32_t kNone = 1;  // never a word address (those are 4-aligned)
  std::vector<uint32_t> addr_;
  std::vector<uint8_t> waiting_;
  std::map<uint32_t, unsigned> words_;  // reserved words and how many harts hold each
  std::vector<std::pair<unsigned, uint64_t>> woken_;
  uint64_t clamp_ = ~uint64_t(0);
  unsigned live_ = 0;
};

}  // namespace core
