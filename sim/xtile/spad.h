#pragma once
// The scratchpad's contents and the data movement of tile loads/stores and DMA boxes.
// Pure functions over byte arrays: placement (including XOR swizzle) is semantics; which bank
// serves which byte and how long it takes is the timed model's business.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/xtile/kernels.h"
#include "sim/xtile/tile.h"

namespace xtile {

/// THE placement formula: the physical byte of logical address a, with the bank index bits
/// (bank_mask << width_shift) XORed with the bank-row bits above row_shift (bank_mask 0: no
/// swizzle). Scratchpad::phys and every fast copy use it (the AVX2 row loader computes the same
/// in vector lanes and is tested against it for every bank geometry).
constexpr uint32_t placement(uint32_t a, uint32_t row_shift, uint32_t bank_mask, uint32_t width_shift) {
  return a ^ (((a >> row_shift) & bank_mask) << width_shift);
}

/// Scratchpad bytes plus the geometry the swizzle depends on.
class Scratchpad {
 public:
  Scratchpad(uint32_t size, uint32_t banks, uint32_t bank_width);
  uint32_t size() const { return static_cast<uint32_t>(bytes_.size()); }
  uint32_t banks() const { return banks_; }
  uint32_t bank_width() const { return width_; }
  uint32_t bank_width_shift() const { return width_shift_; }  ///< log2(bank_width)
  uint32_t row_shift() const { return row_shift_; }           ///< log2(banks * bank_width)
  /// Physical byte address of logical address a: with swizzle, the bank index bits are XORed
  /// with the next bits up (the row of banks), so a column of rows one bank-row apart spreads
  /// over all banks. An involution that stays inside one bank row: size is a multiple of it.
  uint32_t phys(uint32_t a, bool swizzle) const {
    return placement(a, row_shift_, swizzle ? banks_ - 1 : 0, width_shift_);
  }
  uint8_t* data() { return bytes_.data(); }
  const uint8_t* data() const { return bytes_.data(); }

 private:
  std::vector<uint8_t> bytes_;
  uint32_t banks_, width_, width_shift_, row_shift_;
};

enum class TileLayout { Int8, Int32, Ternary, Int8Transposed };

/// One tile access: logical address of row 0, row stride, rows x bytes touched.
struct TileAccess {
  uint32_t addr = 0, stride = 0, rows = 0, row_bytes = 0;
};

/// Describes a tile load/store in `out`; false if it is misaligned or leaves the scratchpad.
inline bool tile_access_ok(TileLayout l, uint32_t addr, uint32_t stride, const XtConfigState& cfg, uint32_t spad_size,
                           TileAccess& out) {
  out.addr = addr;
  out.stride = stride;
  out.rows = cfg.rows;
  out.row_bytes = l == TileLayout::Int32 ? 4 * cfg.cols : l == TileLayout::Ternary ? 4 : cfg.cols;
  const uint32_t align = l == TileLayout::Ternary ? 4 : 16;
  return ((addr | stride) & (align - 1)) == 0 &&
         uint64_t(addr) + uint64_t(out.rows - 1) * stride + out.row_bytes <= spad_size;
}
/// Checks and describes a tile load/store; returns "" or a fault message.
std::string tile_access(TileLayout l, uint32_t addr, uint32_t stride, const XtConfigState& cfg, uint32_t spad_size,
                        TileAccess& out);
/// Tile load with tails (rows/cols outside the tail are zero; ternary: code 0 = 0). Every layout
/// but Int32 leaves bytes 256..1023 zero; upper_zero says they already are (skips clearing them).
void tile_load(Tile& d, const Scratchpad& sp, TileLayout l, const TileAccess& acc, const XtConfigState& cfg,
               bool upper_zero = false);
/// The 16 int8 rows of 16 bytes at scratchpad address addr, stride apart, into dst[256]: the
/// body of a full int8 tile load (no checks).
void load_int8_rows16(uint8_t* dst, const Scratchpad& sp, uint32_t addr, uint32_t stride, bool swz);
/// dst[16 j + i] = src[16 i + j].
void transpose16x16_u8(uint8_t* dst, const uint8_t* src);
/// The same for banks at least 16 bytes wide, as a kernel picked once (AVX2 or portable): row r
/// at base + placement(addr + r * stride), placement = a ^ (((a >> row_shift) & bank_mask) << width_shift)
/// (bank_mask 0: not swizzled).
using Rows16Kernel = void (*)(uint8_t* dst, const uint8_t* base, uint32_t addr, uint32_t stride, uint32_t row_shift,
                              uint32_t bank_mask, uint32_t width_shift);
Rows16Kernel rows16_kernel();
/// The row loader of a kernel set (Fast: AVX2 where the CPU has it), for the tests.
Rows16Kernel rows16_kernel(KernelSet s);
/// Tile store of the int8 (Int8) or int32 (Int32) view, rows/cols inside the tail only.
void tile_store(Scratchpad& sp, const Tile& s, TileLayout l, const TileAccess& acc, const XtConfigState& cfg);
/// A box of `rows` rows of `row_bytes` at scratchpad address a (row pitch spitch) to / from
/// linear memory lin (row pitch lpitch), placement swizzled or not (xt.mma.blk's C block).
void spad_box_read(const Scratchpad& sp, uint32_t a, uint32_t spitch, uint8_t* lin, uint64_t lpitch, uint32_t rows,
                   uint32_t row_bytes, bool swz);
void spad_box_write(Scratchpad& sp, uint32_t a, uint32_t spitch, const uint8_t* lin, uint64_t lpitch, uint32_t rows,
                    uint32_t row_bytes, bool swz);

/// A DMA descriptor, parsed: its words and packed fields as isa/xtile_abi.def lays them out
/// (words with packed fields, box and flags, appear as those fields).
struct DmaDesc {
#define DMA_WORD(i, member, ctype, pack, doc) uint32_t member = 0;
#define DMA_FIELD(w, lsb, bits, member, doc) uint32_t member = 0;
#include "isa/xtile_abi.def"
#undef DMA_WORD
#undef DMA_FIELD
  int32_t col0() const { return static_cast<int32_t>(col); }  ///< box origin column (signed)
};
constexpr uint32_t kDmaDescWords = 0
#define DMA_WORD(i, member, ctype, pack, doc) +1
#include "isa/xtile_abi.def"
#undef DMA_WORD
    ;
constexpr uint32_t kDmaDescBytes = 4 * kDmaDescWords;
static_assert(kDmaDescWords == 8, "the descriptor is 8 words (xt_dma_desc is 32-byte aligned)");

enum class DmaDir { Load, Store, Reduce };

/// What a DMA moved, for the timed model.
struct DmaEffect {
  std::vector<std::pair<uint32_t, uint32_t>> dram_segments;  ///< (address, bytes) touched in DRAM
  uint64_t bytes = 0;                                          ///< bytes moved (in-bounds elements)
};

/// Parses the descriptor words; "" or a fault message.
std::string parse_desc(const uint32_t words[kDmaDescWords], uint32_t queues, DmaDesc& d);

/// Executes a DMA box transfer between DRAM [dram_base, dram_base + dram_size) and the
/// scratchpad. The box origin is (row, d.col0), both signed 32-bit: `row` is the instruction's rs2.
/// Load: out-of-tensor elements are zero in the scratchpad; Store: they are not written;
/// Reduce: int32 elements are added (wrapping) into DRAM. Returns "" or a fault message.
std::string dma_execute(DmaDir dir, const DmaDesc& d, uint32_t row, uint32_t spad_addr, uint8_t* dram,
                        uint32_t dram_base, uint64_t dram_size, Scratchpad& sp, DmaEffect& eff);

}  // namespace xtile
