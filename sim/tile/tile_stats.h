#pragma once
// Counters of the tile unit, DMA and DRAM, readable by the guest (xt.stat id) and reported by
// the host. The X-macro keeps the id table, names and documentation in one place.
#include <cstdint>

namespace tile {

// STAT(id, member, "what it counts")
#define TILESIM_TILE_STATS(STAT)                                                                      \
  STAT(0, cycles, "core cycle at which xt.stat completes (after draining the tile unit)")            \
  STAT(1, mma_int8, "int8 tile MMAs executed, all signedness (4096 MACs each)")                                 \
  STAT(2, mma_ternary, "ternary tile MMAs executed (4096 MACs each)")                                  \
  STAT(3, macs, "MACs executed, all engines")                                                          \
  STAT(4, mac_busy, "cycles MAC engines were occupied (sum over engines of II per MMA)")              \
  STAT(5, vec_ops, "row/vector unit operations")                                                       \
  STAT(6, vec_busy, "cycles the row/vector unit was occupied")                                         \
  STAT(7, tile_loads, "tile loads from the scratchpad")                                                \
  STAT(8, tile_stores, "tile stores to the scratchpad")                                                \
  STAT(9, ldst_busy, "cycles the tile load/store port was occupied")                                  \
  STAT(10, bank_conflicts, "extra port cycles caused by scratchpad bank conflicts")                    \
  STAT(11, dma_transfers, "DMA transfers (boxes)")                                                     \
  STAT(12, dma_bytes_in, "bytes moved DRAM -> scratchpad")                                             \
  STAT(13, dma_bytes_out, "bytes moved scratchpad -> DRAM (stores and reductions)")                    \
  STAT(14, dram_bursts, "DRAM bursts")                                                                 \
  STAT(15, stall_queue_full, "core cycles stalled because the command queue was full")                 \
  STAT(16, stall_sync, "core cycles stalled in xt.fence and xt.stat")                         \
  STAT(17, wait_operands, "tile-unit cycles commands waited for tile-register operands")              \
  STAT(18, wait_unit, "tile-unit cycles commands waited for a busy engine, vector unit or port")       \
  STAT(19, wait_dma, "tile-unit cycles commands waited for scratchpad data from/to a DMA")             \
  STAT(20, insn_mac, "Xtile MMA instructions issued")                                                  \
  STAT(21, insn_vec, "Xtile vector/row/convert/move instructions issued")                              \
  STAT(22, insn_mem, "Xtile tile load/store instructions issued")                                       \
  STAT(23, insn_dma, "Xtile DMA instructions issued")                                                  \
  STAT(24, insn_sync, "Xtile config/sync/counter instructions issued")                                 \
  STAT(25, ternary_invalid, "invalid ternary codes (2) read by xt.mma.t2 (they count as 0)")           \
  STAT(26, last_done, "cycle at which the last scheduled tile/DMA operation completes")                \
  STAT(27, stall_dma_wait, "core cycles stalled in xt.wait (waiting for DMA and DRAM)")                \
  STAT(28, dram_busy, "cycles the DRAM data bus was transferring bursts")                              \
  STAT(29, mma_int4, "int4 tile MMAs executed (8192 MACs each)")

struct TileStats {
#define TILESIM_STAT_MEMBER(id, name, doc) uint64_t name = 0;
  TILESIM_TILE_STATS(TILESIM_STAT_MEMBER)
#undef TILESIM_STAT_MEMBER
  /// Value of counter `id`; false if there is no such counter.
  bool get(uint32_t id, uint64_t& v) const {
    switch (id) {
#define TILESIM_STAT_CASE(i, name, doc) \
  case i: v = name; return true;
      TILESIM_TILE_STATS(TILESIM_STAT_CASE)
#undef TILESIM_STAT_CASE
      default: return false;
    }
  }
};

}  // namespace tile
