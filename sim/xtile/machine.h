#pragma once
// The functional (untimed) Xtile machine: tile registers, config state, scratchpad, and a view
// of DRAM. execute() gives each instruction its exact semantics; it is THE reference the timed
// model, the RTL and the workloads' golden checks are held to, and the ONLY place that maps an
// Xtile operation to a kernel: the timed tile unit, the MAC engines, verify-rtl and the benches
// compute MMAs through mma() (kernels of the process's set, sim/xtile/kernels.h).
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/coprocessor.h"
#include "isa/formats.h"
#include "sim/xtile/ops.h"
#include "sim/xtile/spad.h"
#include "sim/xtile/tile.h"

namespace xtile {

/// What one instruction did, for the timed model and the counters.
struct ExecInfo {
  std::string fault;        ///< non-empty: guest fault, nothing was changed
  uint32_t rd_value = 0;    ///< for xt.cfg / xt.cfgr
  TileAccess access;        ///< tile loads/stores: the scratchpad rows touched
  DmaDesc desc;             ///< DMA: the parsed descriptor
  DmaEffect dma;            ///< DMA: what moved
};

/// xt.mma.blk's operands: its registers (scratchpad addresses of A, B, C) and the BLK_* cfg
/// fields at issue. A tile (i, kk) lies at a + 16 i pa + kk a_kbytes, B tile (j, kk) at
/// b + 16 j pb + kk b_kbytes, C tile (i, j) (int32) at c + 16 i pc + 64 j.
struct BlockMma {
  isa::Format format = isa::Format::Int8SS;
  uint32_t a = 0, b = 0, c = 0, pa = 0, pb = 0, pc = 0;
  uint32_t bm = 0, bn = 0, bk = 0;  ///< C tiles down, C tiles across, k steps
  bool zero = false;                ///< C = A x B^T (C not read)
  bool bt = false;                  ///< B stored k-major: tile (j, kk) at b + 16 kk pb + 16 j, read transposed
  bool scale = false;               ///< C = mulq(C, alpha(i)) first; alpha(i): 16 int32 at sa + 64 i
  uint32_t sa = 0;
  uint32_t a_kbytes = 0, b_kbytes = 0;  ///< bytes of one k step in a row of A / B
  uint64_t mmas() const { return uint64_t(bm) * bn * bk; }
};

/// xt.smx.blk's operands (docs/isa.md, "Softmax step"): m tiles of S (int32) at s + 16 i ps; the
/// running max M(i) at st + 64 i and sum L(i) at st + 2048 + 64 i (16 int32 each: one per row);
/// the outputs P(i) (u8 16x16, 16-byte rows) at out + 256 i and alpha(i) at out + 8192 + 64 i.
/// (Fixed offsets: a step over tiles i0.. of a column passes st + 64 i0, and its P and alpha go
/// to out + 256 i0 + 256 k and out + 256 i0 + 8192 + 64 k, where a scaled block MMA finds them.)
struct SoftmaxStep {
  uint32_t s = 0, st = 0, out = 0, ps = 0, m = 0;
  int32_t c = 0, off = 0;
  bool causal = false;
  uint32_t keys = 16;
  static constexpr uint32_t kLOffset = 2048, kAlphaOffset = 8192;
  uint32_t state_bytes() const { return kLOffset + 64 * m; }   ///< the span from st
  uint32_t out_bytes() const { return kAlphaOffset + 64 * m; }  ///< the span from out
};

struct DramView {
  uint8_t* data = nullptr;
  uint32_t base = 0;
  uint64_t size = 0;
};

class XtileMachine {
 public:
  XtileMachine(uint32_t tile_registers, uint32_t spad_bytes, uint32_t banks, uint32_t bank_width, uint32_t dma_queues,
               DramView dram, uint32_t mac_engines = 1, uint32_t cores = 1, uint32_t mac_rows = 16, uint32_t mac_cols = 16,
               uint32_t acc_bytes = 0);

  /// Semantics of `in`. Sync and counter instructions (xt.wait, xt.fence, xt.stat) only have
  /// their operands checked here; their effect is timing.
  void execute(const core::XtInsn& in, ExecInfo& out);
  /// THE MMA: d.int32 += A x B^T in format f, by the kernel of this process's set; returns the
  /// invalid ternary codes read (0 for the other formats). d may alias a or b.
  uint32_t mma(isa::Format f, Tile& d, const Tile& a, const Tile& b) const { return mma_[static_cast<int>(f)](d, a, b); }
  /// The same for a tile load or store (isa::Cls::TileMem), the hot path: sets out.access
  /// and, on a fault, out.fault (which the caller has cleared).
  void tile_mem(const core::XtInsn& in, ExecInfo& out);
  /// The same without messages (the timed model's fast path): op, tile rd, scratchpad address
  /// and row stride; false when it faults, with nothing changed; else acc describes the rows.
  bool tile_mem(isa::Op op, unsigned rd, uint32_t addr, uint32_t stride, TileAccess& acc) {
    if (op == isa::Op::XT_TLD_B && cfg_.rows == 16 && cfg_.cols == 16 && rows16_) {  // the common case: a full int8 tile
      Tile* d = full_load_dest(TileLayout::Int8, rd, addr, stride, acc);
      if (!d) return false;
      rows16_(d->b, spad_.data(), addr, stride, spad_.row_shift(), cfg_.swizzle ? spad_.banks() - 1 : 0, spad_.bank_width_shift());
      return true;
    }
    return tile_mem_general(op, rd, addr, stride, acc);
  }
  /// Do tiles rd, ra and rb exist (the fields of an MMA)?
  bool tiles_exist(unsigned rd, unsigned ra, unsigned rb) const { return tile_exists(rd) && tile_exists(ra) && tile_exists(rb); }
  /// THE tile-range rule: tile register r exists (with 32 registers every 5-bit field does).
  bool tile_exists(unsigned r) const { return all_fields_ok_ || r < count_; }
  /// xt.mma.blk (docs/isa.md, "Block MMA"): its operands from `in` and the cfg fields; "" or a
  /// fault message (misaligned, outside the scratchpad, C overlapping A or B).
  std::string block_args(const core::XtInsn& in, BlockMma& blk) const;
  /// THE semantics of xt.mma.blk: for every C tile (i, j): C = (blk.zero ? 0 : C) + sum over kk
  /// of A(i, kk) x B(j, kk)^T, each term one MMA of the format (integer, wrapping: any order
  /// gives the same bits). Returns the invalid ternary codes read.
  uint32_t block_mma(const BlockMma& blk);
  /// Operand tiles of a block as the MMA reads them, and C's tiles (an engine that computes
  /// values itself - the RTL - goes tile by tile through these).
  /// (upper_zero: t's bytes beyond the int8 view are zero already, as in block_mma's own tiles)
  void block_a(const BlockMma& blk, unsigned i, unsigned kk, Tile& t, bool upper_zero = false) const;
  void block_b(const BlockMma& blk, unsigned j, unsigned kk, Tile& t, bool upper_zero = false) const;
  void block_c(const BlockMma& blk, unsigned i, unsigned j, Tile& t) const;
  void block_c_store(const BlockMma& blk, unsigned i, unsigned j, const Tile& t);
  /// xt.smx.blk: its operands ("" or a fault message: misaligned, outside the scratchpad,
  /// outputs overlapping the inputs) and THE semantics: for each tile i, exactly the register
  /// sequence of an online-softmax step (mulq.x, mask, min, rmax, sub, exp2, mulq, rsum,
  /// quant.u) with M(i), L(i), alpha(i) broadcast across each row. A tile that the causal mask
  /// covers whole (smx_off + 16 i < -15) is skipped: P(i) = 0, alpha(i) = 1.0, M(i), L(i) kept.
  std::string smx_args(const core::XtInsn& in, SoftmaxStep& sm) const;
  void smx(const SoftmaxStep& sm);
  /// A per-row vector (16 int32 at addr) broadcast across a tile's rows, and back (column 0).
  void row_vector_tile(uint32_t addr, Tile& t) const;
  void store_row_vector(uint32_t addr, const Tile& t);
  /// Checks the tile-number fields of `in` against the register count; "" or a fault message.
  std::string check_tiles(const core::XtInsn& in) const;
  /// The same check without building a message (the hot path: with 32 registers every 5-bit
  /// tile field is in range).
  bool tiles_ok(const core::XtInsn& in) const { return all_fields_ok_ || bad_tile(in) < 0; }

  /// A tile register the caller may write (forgets what the machine knew about its contents).
  Tile& tile(unsigned i) {
    upper_zero_ &= ~(1u << (i & 31));
    return tiles_[i].t;
  }
  const Tile& tile(unsigned i) const { return tiles_[i].t; }
  Scratchpad& spad() { return spad_; }
  XtConfigState& cfg() { return cfg_; }

 private:
  /// C tile row i times alpha(i) (xt.mma.blk with blk_scale).
  void scale_c(const BlockMma& b, unsigned i, Tile& t) const;
  /// The first tile field of `in` naming a register that does not exist, or -1.
  int bad_tile(const core::XtInsn& in) const;
  bool tile_mem_general(isa::Op op, unsigned rd, uint32_t addr, uint32_t stride, TileAccess& acc);
  /// The register a full 16x16 load of layout l (int8 or ternary: bytes 256.. stay zero) writes,
  /// its bytes 256.. cleared unless known zero; null, with nothing changed, when the access or
  /// the register number faults.
  Tile* full_load_dest(TileLayout l, unsigned rd, uint32_t addr, uint32_t stride, TileAccess& acc) {
    if (!tile_access_ok(l, addr, stride, cfg_, spad_.size(), acc) || !tile_exists(rd)) return nullptr;
    Tile& d = tiles_[rd & 31].t;
    const uint32_t bit = 1u << (rd & 31);
    if (!(upper_zero_ & bit)) d.clear_upper();
    upper_zero_ |= bit;
    return &d;
  }
  MmaKernel mma_[isa::kNumFormats];  // per format, from mma_kernel(kernel_set())
  Rows16Kernel rows16_;  // full int8 tile loads (null: banks narrower than a row)
  // Tile registers one host cache line apart beyond their 1 KiB: at a 1 KiB stride the int8
  // operand rows (the first 256 bytes) of every register fall into the same quarter of the L1
  // sets and evict each other and the accumulators.
  struct Slot { Tile t; uint8_t pad[64]; };
  std::vector<Slot> tiles_;  // always 32 (the 5-bit fields index it), count_ of them architectural
  uint32_t count_;
  bool all_fields_ok_;
  uint32_t upper_zero_ = 0;  // bit i: bytes 256..1023 of tile i are known to be zero
  Scratchpad spad_;
  XtConfigState cfg_;
  uint32_t queues_, engines_, cores_, mac_rows_, mac_cols_, acc_bytes_;
  DramView dram_;
  std::vector<Tile> block_a_tiles_, block_b_tiles_;  // xt.mma.blk's operand tiles (reused)
  std::vector<uint8_t> block_c_buf_;                  // ... and its C block, linear
  std::vector<Tile> block_c_tiles_;                   // ... and as tiles
};

}  // namespace xtile
