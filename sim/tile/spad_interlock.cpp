#include "sim/tile/spad_interlock.h"

#include <algorithm>

namespace tile {

SpadInterlock::Entry SpadInterlock::make(const SpadRegion& r, uint64_t t) const {
  // Rows of whole chunks. A row covers chunks [first, last]; rows are `stride` bytes apart, which
  // in chunks is exact only when stride is a multiple of the chunk size: otherwise each row is
  // its own entry (see mark()).
  Entry e{};
  e.t = t;
  const uint32_t lo = r.addr >> shift_, hi = (r.addr + r.row_bytes - 1) >> shift_;
  e.lo = lo;
  e.len = hi - lo + 1;
  e.stride = r.stride >> shift_;
  e.rows = r.rows;
  e.first = lo;
  e.last = (r.addr + (r.rows - 1) * r.stride + r.row_bytes - 1) >> shift_;
  return e;
}

bool SpadInterlock::overlaps(const Entry& a, const Entry& b) {
  if (a.last < b.first || b.last < a.first) return false;
  // Exact test: does some row of a meet some row of b? Walk the rows of the one with fewer rows.
  const Entry& x = a.rows <= b.rows ? a : b;
  const Entry& y = a.rows <= b.rows ? b : a;
  for (uint32_t i = 0; i < x.rows; ++i) {
    const int64_t s = int64_t(x.lo) + int64_t(i) * x.stride, e = s + x.len;  // [s, e)
    // rows k of y with y.lo + k*stride < e and y.lo + k*stride + y.len > s
    if (y.stride == 0) {
      if (int64_t(y.lo) < e && int64_t(y.lo) + y.len > s) return true;
      continue;
    }
    const int64_t kmin = std::max<int64_t>(0, (s - int64_t(y.len) - int64_t(y.lo)) / int64_t(y.stride));
    const int64_t kmax = std::min<int64_t>(int64_t(y.rows) - 1, (e - 1 - int64_t(y.lo)) / int64_t(y.stride));
    for (int64_t k = kmin; k <= kmax && k <= kmin + 2; ++k) {
      const int64_t ys = int64_t(y.lo) + k * y.stride;
      if (ys < e && ys + y.len > s) return true;
    }
  }
  return false;
}

uint64_t SpadInterlock::ready(const SpadRegion& r) const {
  if (entries_.empty() || r.rows == 0) return 0;
  uint64_t t = 0;
  if ((r.stride & ((1u << shift_) - 1)) == 0) {
    const Entry q = make(r, 0);
    for (const Entry& e : entries_)
      if (e.t > t && overlaps(q, e)) t = e.t;
  } else {  // rows not chunk-aligned apart: one query per row
    for (uint32_t i = 0; i < r.rows; ++i) t = std::max(t, ready(SpadRegion{r.addr + i * r.stride, 0, 1, r.row_bytes}));
  }
  return t;
}

void SpadInterlock::mark(const SpadRegion& r, uint64_t t) {
  if (r.rows == 0) return;
  earliest_ = std::min(earliest_, t);
  if ((r.stride & ((1u << shift_) - 1)) == 0) {
    entries_.push_back(make(r, t));
  } else {
    for (uint32_t i = 0; i < r.rows; ++i) entries_.push_back(make(SpadRegion{r.addr + i * r.stride, 0, 1, r.row_bytes}, t));
  }
}

void SpadInterlock::prune_list(uint64_t now) {
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(), [now](const Entry& e) { return e.t <= now; }), entries_.end());
  earliest_ = ~0ull;
  for (const Entry& e : entries_) earliest_ = std::min(earliest_, e.t);
}

}  // namespace tile
