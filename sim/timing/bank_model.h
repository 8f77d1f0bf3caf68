#pragma once
// Scratchpad bank conflicts of one tile access, from its address pattern (no cycle ticking).
#include <cstdint>

#include "sim/xtile/spad.h"

namespace timing {

struct BankCost {
  uint32_t cycles = 0;     ///< cycles the access occupies the tile port
  uint32_t conflicts = 0;  ///< cycles - ideal (ideal = distinct chunks / banks, rounded up)
};

/// Each cycle the port reads one bank_width chunk from every bank; chunks in the same bank but
/// different bank rows take one cycle each. cycles = max over banks of distinct rows touched.
BankCost bank_cost(const xtile::Scratchpad& sp, const xtile::TileAccess& acc, bool swizzled);

}  // namespace timing
