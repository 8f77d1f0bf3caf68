#include "sim/tile/bank_model.h"

#include <algorithm>
#include <vector>

namespace tile {

BankCost bank_cost(const func::Scratchpad& sp, const func::TileAccess& acc, bool swizzled) {
  const uint32_t w = sp.bank_width(), nb = sp.banks();
  // At most 16 rows x (64 bytes / 4-byte minimum width) chunks: a small sorted vector suffices.
  std::vector<uint64_t> chunks;  // (bank << 32) | bank row
  chunks.reserve(acc.rows * (acc.row_bytes / w + 2));
  for (uint32_t r = 0; r < acc.rows; ++r) {
    const uint32_t lo = acc.addr + r * acc.stride, hi = lo + acc.row_bytes;
    for (uint32_t c = lo / w; c * w < hi; ++c) {
      const uint32_t phys = sp.phys(c * w, swizzled);
      chunks.push_back((uint64_t((phys / w) % nb) << 32) | (phys / (w * nb)));
    }
  }
  std::sort(chunks.begin(), chunks.end());
  chunks.erase(std::unique(chunks.begin(), chunks.end()), chunks.end());
  BankCost c;
  uint32_t run = 0;
  for (size_t i = 0; i < chunks.size(); ++i) {
    run = (i && (chunks[i] >> 32) == (chunks[i - 1] >> 32)) ? run + 1 : 1;
    c.cycles = std::max(c.cycles, run);
  }
  const uint32_t ideal = static_cast<uint32_t>((chunks.size() + nb - 1) / nb);
  c.conflicts = c.cycles - ideal;
  return c;
}

}  // namespace tile
