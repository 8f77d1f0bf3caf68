#pragma once
// LR/SC reservations of all harts of a chip (RV32A, unprivileged spec ch. "A"): each hart holds
// at most one reserved word. A store to a reserved word by another hart ends that reservation
// (so the victim's sc.w fails); a hart's own stores keep it. One instance per chip; a lone hart
// makes its own.
#include <cstdint>
#include <vector>

namespace core {

class Reservations {
 public:
  explicit Reservations(unsigned harts = 1) : addr_(harts, kNone) {}
  unsigned harts() const { return static_cast<unsigned>(addr_.size()); }
  /// Hart h's lr.w on word `addr` (replaces its previous reservation).
  void reserve(unsigned h, uint32_t addr) {
    if (addr_[h] == kNone) ++live_;
    addr_[h] = addr & ~3u;
  }
  /// Hart h's sc.w on `addr`: whether its reservation covers the word. The reservation ends.
  bool take(unsigned h, uint32_t addr) {
    const bool ok = addr_[h] == (addr & ~3u);
    drop(h);
    return ok;
  }
  /// Ends hart h's reservation (sc.w, a trap, reset).
  void drop(unsigned h) {
    if (addr_[h] != kNone) --live_;
    addr_[h] = kNone;
  }
  bool held(unsigned h) const { return addr_[h] != kNone; }
  /// Reservations held by any hart (the store paths test this first: usually 0).
  const unsigned* live() const { return &live_; }
  /// Hart h stored [addr, addr + len): the other harts' reservations on those words end.
  void stored(unsigned h, uint32_t addr, unsigned len) {
    if (live_ == 0) return;
    const uint32_t first = addr & ~3u, last = (addr + len - 1) & ~3u;
    for (unsigned o = 0; o < addr_.size(); ++o)
      if (o != h && addr_[o] != kNone && addr_[o] >= first && addr_[o] <= last) drop(o);
  }

 private:
  static constexpr uint32_t kNone = 1;  // never a word address (those are 4-aligned)
  std::vector<uint32_t> addr_;
  unsigned live_ = 0;
};

}  // namespace core
