#pragma once
// Scratchpad interlocks of the tile unit: when pending writes (or reads) of scratchpad regions
// complete, at bank_width-chunk granularity. A region is a strided set of rows (a tile access or
// a DMA box). Pending regions live in a short list (entries whose cycle cannot delay a command
// dispatched now are pruned), so marking a 16 KiB DMA box costs one entry, not a thousand.
// Results equal a per-chunk table of "latest completion" cycles.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace timing {

struct SpadRegion {
  uint32_t addr = 0, stride = 0, rows = 0, row_bytes = 0;  ///< bytes
};

class SpadInterlock {
 public:
  explicit SpadInterlock(uint32_t chunk_shift) : shift_(chunk_shift) {}
  /// Latest completion cycle of pending marks overlapping any chunk of `r` (0 if none).
  uint64_t ready(const SpadRegion& r) const {
    if (entries_.empty() || r.rows == 0) return 0;
    if (!whole_chunk_stride(r)) return ready_rows(r);
    const Entry q = make(r, 0);
    uint64_t t = 0;
    for (const Entry& e : entries_)
      if (e.t > t && e.first <= q.last && q.first <= e.last && overlaps(q, e)) t = e.t;
    return t;
  }
  /// Records that `r` is busy until cycle `t`.
  void mark(const SpadRegion& r, uint64_t t) {
    if (r.rows == 0) return;
    earliest_ = t < earliest_ ? t : earliest_;
    if (whole_chunk_stride(r)) entries_.push_back(make(r, t));
    else mark_rows(r, t);
  }
  /// Forgets marks that end at or before `now` (they can no longer delay anything).
  void prune(uint64_t now) {
    if (now >= earliest_) prune_list(now);
  }
  /// Marks held (pruned or not).
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    uint64_t t;
    uint32_t lo, len, stride, rows;  // in chunks: row k covers [lo + k*stride, lo + k*stride + len)
    uint32_t first, last;            // bounding chunks
  };
  /// Rows of whole chunks: a row covers chunks [lo, lo + len); rows are `stride` bytes apart,
  /// which in chunks is exact only when stride is a multiple of the chunk size (otherwise each
  /// row is its own entry).
  bool whole_chunk_stride(const SpadRegion& r) const { return (r.stride & ((1u << shift_) - 1)) == 0; }
  Entry make(const SpadRegion& r, uint64_t t) const {
    const uint32_t lo = r.addr >> shift_, hi = (r.addr + r.row_bytes - 1) >> shift_;
    return Entry{t, lo, hi - lo + 1, r.stride >> shift_, r.rows, lo, (r.addr + (r.rows - 1) * r.stride + r.row_bytes - 1) >> shift_};
  }
  /// Exact test for entries whose bounding chunks overlap.
  static bool overlaps(const Entry& a, const Entry& b);
  uint64_t ready_rows(const SpadRegion& r) const;
  void mark_rows(const SpadRegion& r, uint64_t t);
  void prune_list(uint64_t now);
  uint32_t shift_;
  std::vector<Entry> entries_;
  uint64_t earliest_ = ~0ull;  // earliest end among entries_ (~0: none)
};

}  // namespace timing
