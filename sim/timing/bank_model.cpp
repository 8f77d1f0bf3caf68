#include "sim/timing/bank_model.h"

#include <algorithm>

namespace timing {

BankCost bank_cost(const xtile::Scratchpad& sp, const xtile::TileAccess& acc, bool swizzled) {
  const uint32_t w = sp.bank_width(), nb = sp.banks();
  // At most 16 rows x (64 bytes / 4-byte minimum bank width + 1) chunks: a stack array.
  uint64_t buf[16 * 17];
  size_t n = 0;
  for (uint32_t r = 0; r < acc.rows; ++r) {
    const uint32_t lo = acc.addr + r * acc.stride, hi = lo + acc.row_bytes;
    for (uint32_t c = lo / w; c * w < hi && n < sizeof buf / sizeof buf[0]; ++c) {
      const uint32_t phys = sp.phys(c * w, swizzled);
      buf[n++] = (uint64_t((phys / w) % nb) << 32) | (phys / (w * nb));  // (bank, bank row)
    }
  }
  std::sort(buf, buf + n);
  n = static_cast<size_t>(std::unique(buf, buf + n) - buf);
  BankCost c;
  uint32_t run = 0;
  for (size_t i = 0; i < n; ++i) {
    run = (i && (buf[i] >> 32) == (buf[i - 1] >> 32)) ? run + 1 : 1;
    c.cycles = std::max(c.cycles, run);
  }
  const uint32_t ideal = static_cast<uint32_t>((n + nb - 1) / nb);
  c.conflicts = c.cycles - ideal;
  return c;
}

}  // namespace timing
