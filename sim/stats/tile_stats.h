#pragma once
// Counters of the tile unit, DMA and DRAM, readable by the guest (xt.stat id) and reported by
// the host.
#include <cstdint>

namespace timing {

// The counter table is isa/xtile_abi.def (STAT rows): ids, names and documentation in one place.
struct TileStats {
#define STAT(id, name, doc) uint64_t name = 0;
#include "isa/xtile_abi.def"
#undef STAT
  /// Value of counter `id`; false if there is no such counter.
  bool get(uint32_t id, uint64_t& v) const {
    switch (id) {
#define STAT(i, name, doc) \
  case i: v = name; return true;
#include "isa/xtile_abi.def"
#undef STAT
      default: return false;
    }
  }
};

}  // namespace timing
