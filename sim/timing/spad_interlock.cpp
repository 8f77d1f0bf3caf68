#include "sim/timing/spad_interlock.h"

#include <algorithm>

namespace timing {

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

// Rows not a whole number of chunks apart: rows i and i + P, P = chunk / gcd(stride mod chunk,
// chunk), are a whole number of chunks apart, so the region is exactly the union of (at most P,
// at most chunk size) whole-chunk-stride regions, one per residue of the row index. Host cost
// per access: O(P), not O(rows) (a 65k-row box with an odd pitch used to add 65k entries, and
// every later query walked them).
template <class Fn>
static void for_each_residue(const SpadRegion& r, uint32_t shift, Fn&& fn) {
  const uint32_t chunk = 1u << shift, rem = r.stride & (chunk - 1);
  const uint32_t period = chunk / (rem & (0u - rem));  // rem != 0 here: whole_chunk_stride is false
  for (uint32_t j = 0; j < period && j < r.rows; ++j)
    fn(SpadRegion{r.addr + j * r.stride, r.stride * period, (r.rows - j + period - 1) / period, r.row_bytes});
}

uint64_t SpadInterlock::ready_rows(const SpadRegion& r) const {
  uint64_t t = 0;
  for_each_residue(r, shift_, [&](const SpadRegion& sub) { t = std::max(t, ready(sub)); });
  return t;
}

void SpadInterlock::mark_rows(const SpadRegion& r, uint64_t t) {
  for_each_residue(r, shift_, [&](const SpadRegion& sub) { entries_.push_back(make(sub, t)); });
}

void SpadInterlock::prune_list(uint64_t now) {
  entries_.erase(std::remove_if(entries_.begin(), entries_.end(), [now](const Entry& e) { return e.t <= now; }), entries_.end());
  earliest_ = ~0ull;
  for (const Entry& e : entries_) earliest_ = std::min(earliest_, e.t);
}

}  // namespace timing
