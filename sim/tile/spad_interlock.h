#pragma once
// Scratchpad interlocks of the tile unit: when pending writes (or reads) of scratchpad regions
// complete, at bank_width-chunk granularity. A region is a strided set of rows (a tile access or
// a DMA box). Pending regions live in a short list (entries whose cycle cannot delay a command
// dispatched now are pruned), so marking a 16 KiB DMA box costs one entry, not a thousand.
// Results equal a per-chunk table of "latest completion" cycles.
#include <cstdint>
#include <vector>

namespace tile {

struct SpadRegion {
  uint32_t addr = 0, stride = 0, rows = 0, row_bytes = 0;  ///< bytes
};

class SpadInterlock {
 public:
  explicit SpadInterlock(uint32_t chunk_shift) : shift_(chunk_shift) {}
  /// Latest completion cycle of pending marks overlapping any chunk of `r` (0 if none).
  uint64_t ready(const SpadRegion& r) const;
  /// Records that `r` is busy until cycle `t`.
  void mark(const SpadRegion& r, uint64_t t);
  /// Forgets marks that end at or before `now` (they can no longer delay anything).
  void prune(uint64_t now) {
    if (now >= earliest_) prune_list(now);
  }

 private:
  struct Entry {
    uint64_t t;
    uint32_t lo, len, stride, rows;  // in chunks: row k covers [lo + k*stride, lo + k*stride + len)
    uint32_t first, last;            // bounding chunks
  };
  Entry make(const SpadRegion& r, uint64_t t) const;
  static bool overlaps(const Entry& a, const Entry& b);
  void prune_list(uint64_t now);
  uint32_t shift_;
  std::vector<Entry> entries_;
  uint64_t earliest_ = ~0ull;  // earliest end among entries_ (~0: none)
};

}  // namespace tile
