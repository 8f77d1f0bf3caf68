#include "sim/xtile/machine.h"

#include <climits>
#include <cstdio>
#include <cstring>
#include <string>

namespace xtile {

using isa::Fmt;
using isa::Op;

namespace {
bool in_range(uint32_t v, uint32_t lo, uint32_t hi) { return v >= lo && v <= hi; }
}  // namespace

bool XtConfigState::set(uint32_t id, uint32_t v) {
  switch (id) {
#define CFG_FIELD(i, NAME, member, lo, hi, def, doc) \
  case i:                                            \
    if (!in_range(v, lo, hi)) return false;         \
    member = v;                                      \
    return true;
#include "isa/xtile_abi.def"
#undef CFG_FIELD
    default: return false;
  }
}

bool XtConfigState::get(uint32_t id, uint32_t& v) const {
  switch (id) {
#define CFG_FIELD(i, NAME, member, lo, hi, def, doc) \
  case i: v = member; return true;
#include "isa/xtile_abi.def"
#undef CFG_FIELD
    default: return false;
  }
}

const char* XtConfigState::ranges() {
  static const std::string text = [] {
    std::string t;
#define CFG_FIELD(i, NAME, member, lo, hi, def, doc) \
  t += (t.empty() ? "" : ", ") + std::to_string(i) + " " #member " " + std::to_string(lo) + ".." + std::to_string(hi);
#include "isa/xtile_abi.def"
#undef CFG_FIELD
    return t;
  }();
  return text.c_str();
}

XtileMachine::XtileMachine(uint32_t tile_registers, uint32_t spad_bytes, uint32_t banks, uint32_t bank_width,
                           uint32_t dma_queues, DramView dram, uint32_t mac_engines, uint32_t cores, uint32_t mac_rows,
                           uint32_t mac_cols, uint32_t acc_bytes)
    : tiles_(32), count_(tile_registers), all_fields_ok_(tile_registers >= 32), spad_(spad_bytes, banks, bank_width), queues_(dma_queues),
      engines_(mac_engines), cores_(cores), mac_rows_(mac_rows), mac_cols_(mac_cols), acc_bytes_(acc_bytes), dram_(dram) {
  for (auto& s : tiles_) s.t.clear();
  for (int f = 0; f < isa::kNumFormats; ++f) mma_[f] = mma_kernel(static_cast<isa::Format>(f), kernel_set());
  rows16_ = spad_.bank_width() >= 16 ? rows16_kernel() : nullptr;
}

namespace {
/// Which fields of an instruction of format f name tile registers.
struct TileFields {
  bool rd, rs1, rs2;
};
TileFields tile_fields(Fmt f) {
  const bool rs1 = f == Fmt::TTT || f == Fmt::TT || f == Fmt::TTX;
  return {rs1 || f == Fmt::TX || f == Fmt::TLd || f == Fmt::TSt, rs1, f == Fmt::TTT};
}
/// Formats whose rd field names a tile register the instruction writes (a store reads it).
bool writes_tile(Fmt f) { return f != Fmt::TSt && tile_fields(f).rd; }
}  // namespace

int XtileMachine::bad_tile(const core::XtInsn& in) const {
  const TileFields t = tile_fields(isa::row(in.op).fmt);
  if (t.rd && !tile_exists(in.rd)) return in.rd;
  if (t.rs1 && !tile_exists(in.rs1)) return in.rs1;
  if (t.rs2 && !tile_exists(in.rs2)) return in.rs2;
  return -1;
}

std::string XtileMachine::check_tiles(const core::XtInsn& in) const {
  const int r = bad_tile(in);
  if (r < 0) return "";
  return "tile tr" + std::to_string(r) + " out of range in " + isa::row(in.op).mnemonic + " (tile.registers = " +
         std::to_string(count_) + ")";
}

namespace {
TileLayout mem_layout(Op op) {
  return op == Op::XT_TLD_W || op == Op::XT_TST_W ? TileLayout::Int32
         : op == Op::XT_TLD_T2                    ? TileLayout::Ternary
         : op == Op::XT_TLD_BT                    ? TileLayout::Int8Transposed
                                                  : TileLayout::Int8;
}
}  // namespace

bool XtileMachine::tile_mem_general(Op op, unsigned rd, uint32_t addr, uint32_t stride, TileAccess& acc) {
  if (op == Op::XT_TLD_T2 && cfg_.rows == 16 && cfg_.cols == 16 && spad_.bank_width() >= 4) {
    // A full ternary tile: 16 rows of 4 bytes (16 codes), each inside one bank chunk.
    Tile* d = full_load_dest(TileLayout::Ternary, rd, addr, stride, acc);
    if (!d) return false;
    std::memset(d->b + 64, 0, 256 - 64);
    const uint8_t* base = spad_.data();
    const bool swz = cfg_.swizzle != 0;
    for (uint32_t r = 0; r < 16; ++r, addr += stride) std::memcpy(d->b + 4 * r, base + spad_.phys(addr, swz), 4);
    return true;
  }
  const TileLayout l = mem_layout(op);
  if (!tile_access_ok(l, addr, stride, cfg_, spad_.size(), acc) || !tile_exists(rd)) return false;
  Tile& d = tiles_[rd & 31].t;
  const uint32_t bit = 1u << (rd & 31);
  if (op == Op::XT_TST_B || op == Op::XT_TST_W) {
    tile_store(spad_, d, l, acc, cfg_);
  } else {
    tile_load(d, spad_, l, acc, cfg_, upper_zero_ & bit);
    if (l == TileLayout::Int32) upper_zero_ &= ~bit;  // every other layout leaves bytes 256.. zero
    else upper_zero_ |= bit;
  }
  return true;
}

void XtileMachine::tile_mem(const core::XtInsn& in, ExecInfo& out) {
  if (tile_mem(in.op, in.rd, in.rs1_val, in.rs2_val, out.access)) return;
  out.fault = tiles_ok(in) ? tile_access(mem_layout(in.op), in.rs1_val, in.rs2_val, cfg_, spad_.size(), out.access) : check_tiles(in);
}

void XtileMachine::execute(const core::XtInsn& in, ExecInfo& out) {
  // Reset in place (keeps the DMA segment vector's capacity: this runs for every instruction).
  out.fault.clear();
  out.rd_value = 0;
  out.dma.dram_segments.clear();
  out.dma.bytes = 0;
  if (isa::row(in.op).cls == isa::Cls::TileMem) return tile_mem(in, out);
  if (in.op == Op::XT_MMA_BLK) {  // no tile registers: the block lives in the scratchpad
    BlockMma b;
    out.fault = block_args(in, b);
    if (out.fault.empty()) {
      block_mma(b);
      out.rd_value = static_cast<uint32_t>(b.mmas());
    }
    return;
  }
  if (in.op == Op::XT_SMX_BLK) {
    SoftmaxStep sm;
    out.fault = smx_args(in, sm);
    if (out.fault.empty()) {
      smx(sm);
      out.rd_value = sm.m;
    }
    return;
  }
  if (!tiles_ok(in)) {
    out.fault = check_tiles(in);
    return;
  }
  // Fields that are not tile numbers may exceed the register count: tiles_ has 32 entries.
  Tile& d = tiles_[in.rd & 31].t;
  if (writes_tile(isa::row(in.op).fmt)) upper_zero_ &= ~(1u << (in.rd & 31));
  const Tile& a = tiles_[in.rs1 & 31].t;
  const Tile& b = tiles_[in.rs2 & 31].t;
  const int32_t x2 = static_cast<int32_t>(in.rs2_val);
  const uint32_t frac = cfg_.frac;
  if (isa::is_mma(in.op)) {
    mma(isa::format_of(in.op), d, a, b);
    return;
  }
  switch (in.op) {
    case Op::XT_ADD: elementwise(Ew::Add, d, a, b, frac); break;
    case Op::XT_SUB: elementwise(Ew::Sub, d, a, b, frac); break;
    case Op::XT_MAX: elementwise(Ew::Max, d, a, b, frac); break;
    case Op::XT_MIN: elementwise(Ew::Min, d, a, b, frac); break;
    case Op::XT_MUL: elementwise(Ew::Mul, d, a, b, frac); break;
    case Op::XT_MULQ: elementwise(Ew::MulQ, d, a, b, frac); break;
    case Op::XT_SRA: elementwise(Ew::Sra, d, a, b, frac); break;
    case Op::XT_ADD_X: elementwise_x(Ew::Add, d, a, x2, frac); break;
    case Op::XT_SUB_X: elementwise_x(Ew::Sub, d, a, x2, frac); break;
    case Op::XT_MAX_X: elementwise_x(Ew::Max, d, a, x2, frac); break;
    case Op::XT_MIN_X: elementwise_x(Ew::Min, d, a, x2, frac); break;
    case Op::XT_MUL_X: elementwise_x(Ew::Mul, d, a, x2, frac); break;
    case Op::XT_MULQ_X: elementwise_x(Ew::MulQ, d, a, x2, frac); break;
    case Op::XT_SRA_X: elementwise_x(Ew::Sra, d, a, x2, frac); break;
    case Op::XT_RMAX: row_reduce(Row::Max, d, a); break;
    case Op::XT_RAMAX: row_reduce(Row::AbsMax, d, a); break;
    case Op::XT_RSUM: row_reduce(Row::Sum, d, a); break;
    case Op::XT_EXP2: exp2_tile(d, a, frac); break;
    case Op::XT_RCP: rcp_tile(d, a, frac); break;
    case Op::XT_QUANT: quant(d, a, x2, cfg_.qshift, cfg_.round, false); break;
    case Op::XT_QUANT_U: quant(d, a, x2, cfg_.qshift, cfg_.round, true); break;
    case Op::XT_QUANT_R: quant_rows(d, a, b, cfg_.qshift, cfg_.round, false); break;
    case Op::XT_QUANT_RU: quant_rows(d, a, b, cfg_.qshift, cfg_.round, true); break;
    case Op::XT_CVT_W: widen(d, a, true); break;
    case Op::XT_CVT_WU: widen(d, a, false); break;
    case Op::XT_FILL: fill(d, static_cast<int32_t>(in.rs1_val)); break;
    case Op::XT_MOV: d = a; break;
    case Op::XT_TR: transpose32(d, a); break;
    case Op::XT_MASK: causal_mask(d, a, x2); break;
    case Op::XT_DMA_LD: case Op::XT_DMA_ST: case Op::XT_DMA_RED: {
      const uint64_t off = uint64_t(in.rs1_val) - dram_.base;
      if (in.rs1_val < dram_.base || off + kDmaDescBytes > dram_.size || in.rs1_val % 4) {
        char msg[96];
        std::snprintf(msg, sizeof msg, "DMA descriptor at 0x%08x is not a word-aligned block inside DRAM", in.rs1_val);
        out.fault = msg;
        return;
      }
      uint32_t words[8];
      std::memcpy(words, dram_.data + off, sizeof words);
      out.fault = parse_desc(words, queues_, out.desc);
      if (!out.fault.empty()) return;
      const DmaDir dir = in.op == Op::XT_DMA_LD ? DmaDir::Load : in.op == Op::XT_DMA_ST ? DmaDir::Store : DmaDir::Reduce;
      out.fault = dma_execute(dir, out.desc, in.rs2_val, in.rs3_val, dram_.data, dram_.base, dram_.size, spad_, out.dma);
      break;
    }
    case Op::XT_CFG: {
      uint32_t old = 0;
      if (!cfg_.get(in.rs1_val, old) || !cfg_.set(in.rs1_val, in.rs2_val)) {
        out.fault = "xt.cfg: field " + std::to_string(in.rs1_val) + " cannot take value " + std::to_string(in.rs2_val) + " (fields: " +
                    XtConfigState::ranges() + ")";
        return;
      }
      out.rd_value = old;
      break;
    }
    case Op::XT_CFGR:
      switch (in.rs1_val) {
        case kInfo_TILE_REGS: out.rd_value = static_cast<uint32_t>(count_); break;
        case kInfo_SPAD_KIB: out.rd_value = (spad_.size() - acc_bytes_) >> 10; break;
        case kInfo_ACC_KIB: out.rd_value = acc_bytes_ >> 10; break;
        case kInfo_DMA_QUEUES: out.rd_value = queues_; break;
        case kInfo_MAC_ENGINES: out.rd_value = engines_; break;
        case kInfo_CORES: out.rd_value = cores_; break;
        case kInfo_MAC_ROWS: out.rd_value = mac_rows_; break;
        case kInfo_MAC_COLS: out.rd_value = mac_cols_; break;
        default:
          if (!cfg_.get(in.rs1_val, out.rd_value)) out.fault = "xt.cfgr: no config field " + std::to_string(in.rs1_val);
      }
      break;
    case Op::XT_WAIT:
      if (in.rs1_val >= queues_) out.fault = "xt.wait: DMA queue " + std::to_string(in.rs1_val) + " (the chip has " + std::to_string(queues_) + ")";
      break;
    case Op::XT_FENCE: case Op::XT_STAT: break;
    default: out.fault = std::string("not an Xtile instruction: ") + isa::row(in.op).mnemonic; break;
  }
}

}  // namespace xtile

namespace xtile {

namespace {
/// Full 16x16 tiles, the cfg's swizzle: how xt.mma.blk reads and writes the scratchpad.
XtConfigState full_tiles(const XtConfigState& c) {
  XtConfigState f = c;
  f.rows = f.cols = 16;
  return f;
}
}  // namespace

std::string XtileMachine::block_args(const core::XtInsn& in, BlockMma& b) const {
  const XtConfigState& c = cfg_;
  b.format = static_cast<isa::Format>(c.blk_fmt);
  b.a = in.rs1_val;
  b.b = in.rs2_val;
  b.c = in.rs3_val;
  b.pa = c.blk_pa;
  b.pb = c.blk_pb;
  b.pc = c.blk_pc;
  b.bm = c.blk_m;
  b.bn = c.blk_n;
  b.bk = c.blk_k;
  b.zero = c.blk_zero != 0;
  b.bt = c.blk_bt != 0;
  b.scale = c.blk_scale != 0;
  b.sa = c.blk_sa;
  const bool ternary = isa::format(b.format).b_bits == 2;
  b.a_kbytes = 16;                 // int8 rows (int4: 32 elements in 16 bytes)
  b.b_kbytes = ternary ? 4 : 16;   // ternary: 16 codes in 4 bytes
  const uint32_t size = spad_.size();
  auto region = [&](const char* what, uint32_t addr, uint32_t pitch, uint32_t rows, uint64_t row_bytes, uint32_t align,
                    uint64_t& lo, uint64_t& hi) -> std::string {
    if ((addr | pitch) & (align - 1))
      return std::string("xt.mma.blk: ") + what + " at " + std::to_string(addr) + " with pitch " + std::to_string(pitch) +
             " is not " + std::to_string(align) + "-byte aligned";
    if (row_bytes > pitch && rows > 1)
      return std::string("xt.mma.blk: ") + what + " rows of " + std::to_string(row_bytes) + " bytes overlap at pitch " + std::to_string(pitch);
    lo = addr;
    hi = uint64_t(addr) + uint64_t(rows - 1) * pitch + row_bytes;
    if (hi > size)
      return std::string("xt.mma.blk: ") + what + " (" + std::to_string(rows) + " rows of " + std::to_string(row_bytes) + " bytes at " +
             std::to_string(addr) + ", pitch " + std::to_string(pitch) + ") leaves the scratchpad (" + std::to_string(size) + " bytes)";
    return "";
  };
  if (b.bt && (isa::format(b.format).a_bits != 8 || isa::format(b.format).b_bits != 8))
    return "xt.mma.blk: blk_bt (B stored k-major) needs an int8 format (blk_fmt " + std::to_string(c.blk_fmt) + ")";
  uint64_t alo, ahi, blo, bhi, clo, chi, slo = 0, shi = 0;
  std::string e = region("A", b.a, b.pa, 16 * b.bm, uint64_t(b.bk) * b.a_kbytes, 16, alo, ahi);
  if (e.empty() && b.bt) e = region("B", b.b, b.pb, 16 * b.bk, uint64_t(b.bn) * 16, 16, blo, bhi);
  else if (e.empty()) e = region("B", b.b, b.pb, 16 * b.bn, uint64_t(b.bk) * b.b_kbytes, ternary ? 4 : 16, blo, bhi);
  if (e.empty()) e = region("C", b.c, b.pc, 16 * b.bm, uint64_t(b.bn) * 64, 64, clo, chi);
  if (e.empty() && b.scale) e = region("alpha", b.sa, 64, b.bm, 64, 64, slo, shi);
  if (e.empty() && ((clo < ahi && alo < chi) || (clo < bhi && blo < chi) || (b.scale && clo < shi && slo < chi)))
    e = "xt.mma.blk: C's bytes overlap A's, B's or alpha's (the result would depend on the order of the MMAs)";
  return e;
}

void XtileMachine::block_a(const BlockMma& b, unsigned i, unsigned kk, Tile& t, bool upper_zero) const {
  const XtConfigState f = full_tiles(cfg_);
  TileAccess acc;
  tile_access_ok(TileLayout::Int8, b.a + 16 * i * b.pa + kk * b.a_kbytes, b.pa, f, spad_.size(), acc);
  tile_load(t, spad_, TileLayout::Int8, acc, f, upper_zero);
}

void XtileMachine::block_b(const BlockMma& b, unsigned j, unsigned kk, Tile& t, bool upper_zero) const {
  const XtConfigState f = full_tiles(cfg_);
  if (b.bt) {  // k-major: the tile as xt.tld.b.tr loads it
    TileAccess acc;
    tile_access_ok(TileLayout::Int8Transposed, b.b + 16 * kk * b.pb + 16 * j, b.pb, f, spad_.size(), acc);
    tile_load(t, spad_, TileLayout::Int8Transposed, acc, f, upper_zero);
    return;
  }
  const TileLayout l = isa::format(b.format).b_bits == 2 ? TileLayout::Ternary : TileLayout::Int8;
  TileAccess acc;
  tile_access_ok(l, b.b + 16 * j * b.pb + kk * b.b_kbytes, b.pb, f, spad_.size(), acc);
  tile_load(t, spad_, l, acc, f, upper_zero);
}

void XtileMachine::block_c(const BlockMma& b, unsigned i, unsigned j, Tile& t) const {
  if (b.zero) {  // (mulq(0, alpha) = 0: a scale changes nothing)
    t.clear();
    return;
  }
  const XtConfigState f = full_tiles(cfg_);
  TileAccess acc;
  tile_access_ok(TileLayout::Int32, b.c + 16 * i * b.pc + 64 * j, b.pc, f, spad_.size(), acc);
  tile_load(t, spad_, TileLayout::Int32, acc, f, false);
  if (b.scale) scale_c(b, i, t);
}

void XtileMachine::scale_c(const BlockMma& b, unsigned i, Tile& t) const {
  // xt.mulq (C, C, alpha) with alpha(i) broadcast across each row: the same elementwise MulQ.
  Tile al;
  row_vector_tile(b.sa + 64 * i, al);
  elementwise(Ew::MulQ, t, t, al, cfg_.frac);
}

void XtileMachine::row_vector_tile(uint32_t addr, Tile& t) const {
  int32_t v[16];
  spad_box_read(spad_, addr, 64, reinterpret_cast<uint8_t*>(v), 64, 1, 64, cfg_.swizzle != 0);
  for (int r = 0; r < 16; ++r)
    for (int c = 0; c < 16; ++c) t.set_w(r, c, v[r]);
}

void XtileMachine::store_row_vector(uint32_t addr, const Tile& t) {
  int32_t v[16];
  for (int r = 0; r < 16; ++r) v[r] = t.w(r, 0);
  spad_box_write(spad_, addr, 64, reinterpret_cast<const uint8_t*>(v), 64, 1, 64, cfg_.swizzle != 0);
}

void XtileMachine::block_c_store(const BlockMma& b, unsigned i, unsigned j, const Tile& t) {
  const XtConfigState f = full_tiles(cfg_);
  TileAccess acc;
  tile_access_ok(TileLayout::Int32, b.c + 16 * i * b.pc + 64 * j, b.pc, f, spad_.size(), acc);
  tile_store(spad_, t, TileLayout::Int32, acc, f);
}

uint32_t XtileMachine::block_mma(const BlockMma& b) {
  // Operand tiles once each (A: bm x bk, B: bn x bk), then every C tile's k steps.
  std::vector<Tile>& at = block_a_tiles_;
  std::vector<Tile>& bt = block_b_tiles_;
  at.resize(size_t(b.bm) * b.bk);
  bt.resize(size_t(b.bn) * b.bk);
  for (unsigned i = 0; i < b.bm; ++i)
    for (unsigned kk = 0; kk < b.bk; ++kk) block_a(b, i, kk, at[i * b.bk + kk], true);  // (vector tiles start zeroed and only ever
  for (unsigned j = 0; j < b.bn; ++j)                                                     //  hold int8 / ternary views)
    for (unsigned kk = 0; kk < b.bk; ++kk) block_b(b, j, kk, bt[j * b.bk + kk], true);
  // C: the whole block to a linear buffer and back (one box copy each way, not a tile access per
  // C tile), each C tile gathered from it for its k steps.
  const uint32_t rows = 16 * b.bm, row_bytes = 64 * b.bn;
  const bool swz = cfg_.swizzle != 0;
  std::vector<uint8_t>& cb = block_c_buf_;
  cb.resize(size_t(rows) * row_bytes);
  if (b.zero) std::memset(cb.data(), 0, cb.size());
  else spad_box_read(spad_, b.c, b.pc, cb.data(), row_bytes, rows, row_bytes, swz);
  std::vector<Tile>& ct = block_c_tiles_;  // C tile (i, j) at i * bn + j
  ct.resize(size_t(b.bm) * b.bn);
  for (unsigned i = 0; i < b.bm; ++i)
    for (unsigned j = 0; j < b.bn; ++j) {
      const uint8_t* const c0 = cb.data() + size_t(16 * i) * row_bytes + 64 * j;
      for (unsigned r = 0; r < 16; ++r) std::memcpy(ct[i * b.bn + j].b + 64 * r, c0 + size_t(r) * row_bytes, 64);
      if (b.scale && !b.zero) scale_c(b, i, ct[i * b.bn + j]);
    }
  const uint32_t invalid = mma_block(b.format, kernel_set(), ct.data(), at.data(), bt.data(), b.bm, b.bn, b.bk);
  for (unsigned i = 0; i < b.bm; ++i)
    for (unsigned j = 0; j < b.bn; ++j) {
      uint8_t* const c0 = cb.data() + size_t(16 * i) * row_bytes + 64 * j;
      for (unsigned r = 0; r < 16; ++r) std::memcpy(c0 + size_t(r) * row_bytes, ct[i * b.bn + j].b + 64 * r, 64);
    }
  spad_box_write(spad_, b.c, b.pc, cb.data(), row_bytes, rows, row_bytes, swz);
  return invalid;
}

std::string XtileMachine::smx_args(const core::XtInsn& in, SoftmaxStep& sm) const {
  const XtConfigState& c = cfg_;
  sm.s = in.rs1_val;
  sm.st = in.rs2_val;
  sm.out = in.rs3_val;
  sm.ps = c.smx_ps;
  sm.m = c.smx_m;
  sm.c = static_cast<int32_t>(c.smx_c);
  sm.off = static_cast<int32_t>(c.smx_off);
  sm.causal = c.smx_causal != 0;
  sm.keys = c.smx_keys;
  const uint64_t size = spad_.size();
  if ((sm.s | sm.ps | sm.st | sm.out) & 63)
    return "xt.smx.blk: S (" + std::to_string(sm.s) + ", pitch " + std::to_string(sm.ps) + "), state (" + std::to_string(sm.st) +
           ") and outputs (" + std::to_string(sm.out) + ") must be 64-byte aligned";
  const uint64_t shi = sm.s + uint64_t(16 * sm.m - 1) * sm.ps + 64, sthi = uint64_t(sm.st) + sm.state_bytes(),
                 ohi = uint64_t(sm.out) + sm.out_bytes();
  if (shi > size || sthi > size || ohi > size)
    return "xt.smx.blk: S (" + std::to_string(sm.m) + " tiles at " + std::to_string(sm.s) + ", pitch " + std::to_string(sm.ps) +
           "), state (" + std::to_string(sm.state_bytes()) + " bytes at " + std::to_string(sm.st) + ") or outputs (" +
           std::to_string(sm.out_bytes()) + " bytes at " + std::to_string(sm.out) + ") leave the scratchpad (" + std::to_string(size) +
           " bytes)";
  auto overlap = [](uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1) { return a0 < b1 && b0 < a1; };
  if (overlap(sm.out, ohi, sm.s, shi) || overlap(sm.out, ohi, sm.st, sthi) || overlap(sm.st, sthi, sm.s, shi))
    return "xt.smx.blk: S, the state and the outputs overlap (each tile would see the others' results)";
  return "";
}

void XtileMachine::smx(const SoftmaxStep& sm) {
  const uint32_t frac = cfg_.frac;
  const XtConfigState f = full_tiles(cfg_);
  Tile pad;  // xt.min with it: minus infinity on the key columns past smx_keys
  for (int r = 0; r < 16; ++r)
    for (int k = 0; k < 16; ++k) pad.set_w(r, k, uint32_t(k) >= sm.keys ? kNegInf : INT32_MAX);
  for (uint32_t i = 0; i < sm.m; ++i) {
    const uint32_t m_at = sm.st + 64 * i, l_at = sm.st + SoftmaxStep::kLOffset + 64 * i, p_at = sm.out + 256 * i,
                   al_at = sm.out + SoftmaxStep::kAlphaOffset + 64 * i;
    const int64_t off = int64_t(sm.off) + 16 * int64_t(i);
    Tile s, m, mn, l, al, t;
    if (sm.causal && off < -15) {  // every element masked: the step would change nothing
      t.clear();
      TileAccess acc;
      tile_access_ok(TileLayout::Int8, p_at, 16, f, spad_.size(), acc);
      tile_store(spad_, t, TileLayout::Int8, acc, f);
      fill(al, frac ? int32_t(1) << frac : 1);
      store_row_vector(al_at, al);
      continue;
    }
    TileAccess acc;
    tile_access_ok(TileLayout::Int32, sm.s + 16 * i * sm.ps, sm.ps, f, spad_.size(), acc);
    tile_load(s, spad_, TileLayout::Int32, acc, f, false);
    row_vector_tile(m_at, m);
    row_vector_tile(l_at, l);
    elementwise_x(Ew::MulQ, s, s, sm.c, frac);                        // xt.mulq.x  S, S, c
    if (sm.causal) causal_mask(s, s, static_cast<int32_t>(off));     // xt.mask    S, S, off (a no-op for off >= 15)
    if (sm.keys < 16) elementwise(Ew::Min, s, s, pad, frac);        // xt.min     S, S, PAD
    mn = m;                                                           // xt.mov     MN, M
    row_reduce(Row::Max, mn, s);                                      // xt.rmax    MN, S
    elementwise(Ew::Sub, s, s, mn, frac);                             // xt.sub     S, S, MN
    exp2_tile(s, s, frac);                                            // xt.exp2    S, S
    elementwise(Ew::Sub, t, m, mn, frac);                             // xt.sub     T, M, MN
    exp2_tile(al, t, frac);                                           // xt.exp2    AL, T
    elementwise(Ew::MulQ, l, l, al, frac);                            // xt.mulq    L, L, AL
    row_reduce(Row::Sum, l, s);                                       // xt.rsum    L, S
    quant(t, s, 255, cfg_.qshift, cfg_.round, true);                  // xt.quant.u P, S, 255
    tile_access_ok(TileLayout::Int8, p_at, 16, f, spad_.size(), acc);
    tile_store(spad_, t, TileLayout::Int8, acc, f);
    store_row_vector(al_at, al);
    store_row_vector(m_at, mn);                                       // M = MN
    store_row_vector(l_at, l);
  }
}

}  // namespace xtile
