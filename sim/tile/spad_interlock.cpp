#include "sim/tile/spad_interlock.h"

#include <algorithm>

namespace tile {

bool SpadInterlock::overlaps(const Entry& a, const Entry& b) {
  // Exact test: does some row of x meet some row of y? Both row sequences ascend, so walk them
  // together: k is the first row of y that ends after the current row of x starts.
  const Entry& x = a.rows <= b.rows ? a : b;
  const Entry& y = a.rows <= b.rows ? b : a;
  uint64_t k = 0, ys = y.lo;  // row k of y starts at chunk ys
  const uint64_t x0 = x.lo;
  if (y.stride && x0 >= uint64_t(y.lo) + y.len) {  // jump over the rows of y that end before x starts
    k = (x0 - y.lo - y.len) / y.stride + 1;
    ys = y.lo + k * y.stride;
  }
  uint64_t xs = x0;
  for (uint32_t i = 0; i < x.rows; ++i, xs += x.stride) {
    while (k < y.rows && ys + y.len <= xs) {
      ++k;
      ys += y.stride;
    }
    if (k >= y.rows) return false;
    if (ys < xs + x.len) return true;
  }
  return false;
}

uint64_t SpadInterlock::ready_rows(const SpadRegion& r) const {
  // Rows not chunk-aligned apart: one query per row.
  uint64_t t = 0;
  for (uint32_t i = 0; i < r.rows; ++i) t = std::max(t, ready(SpadRegion{r.addr + i * r.stride, 0, 1, r.row_bytes}));
  return t;
}

void SpadInterlock::mark_rows(const SpadRegion& r, uint64_t t) {
  for (uint32_t i = 0; i < r.rows; ++i) entries_.push_back(make(SpadRegion{r.addr + i * r.stride, 0, 1, r.row_bytes}, t));
}

void SpadInterlock::prune_list(uint64_t now) {
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(), [now](const Entry& e) { return e.t <= now; }), entries_.end());
  earliest_ = ~0ull;
  for (const Entry& e : entries_) earliest_ = std::min(earliest_, e.t);
}

}  // namespace tile
