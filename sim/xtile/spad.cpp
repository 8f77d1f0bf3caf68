#include "sim/xtile/spad.h"
#include "sim/xtile/ops.h"

#include <cstdio>
#include <algorithm>
#include <cstring>

#include <immintrin.h>

namespace xtile {
namespace {
uint32_t log2u(uint32_t v) {
  uint32_t s = 0;
  while ((1u << s) < v) ++s;
  return s;
}
std::string hex(uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%llx", static_cast<unsigned long long>(v));
  return b;
}
}  // namespace

Scratchpad::Scratchpad(uint32_t size, uint32_t banks, uint32_t bank_width)
    : bytes_(size, 0), banks_(banks), width_(bank_width), width_shift_(log2u(bank_width)),
      row_shift_(log2u(bank_width) + log2u(banks)) {}

std::string tile_access(TileLayout l, uint32_t addr, uint32_t stride, const XtConfigState& cfg, uint32_t spad_size,
                        TileAccess& out) {
  if (tile_access_ok(l, addr, stride, cfg, spad_size, out)) return "";
  const uint32_t align = l == TileLayout::Ternary ? 4 : 16;
  if ((addr | stride) & (align - 1))
    return "tile access at scratchpad " + hex(addr) + " with row stride " + std::to_string(stride) +
           ": address and stride must be multiples of " + std::to_string(align) + " bytes";
  const uint64_t end = uint64_t(addr) + uint64_t(out.rows - 1) * stride + out.row_bytes;
  return "tile access " + hex(addr) + ".." + hex(end - 1) + " overflows the scratchpad (" + std::to_string(spad_size) +
         " bytes)";
}

namespace {
/// Copies len bytes at logical scratchpad address a (placement per swizzle) to dst, in pieces
/// that stay inside one bank_width chunk (swizzle moves whole chunks).
void spad_read(const Scratchpad& sp, uint32_t a, bool swz, uint8_t* dst, uint32_t len) {
  const uint32_t w = sp.bank_width();
  while (len) {
    const uint32_t piece = std::min(len, w - (a & (w - 1)));
    std::memcpy(dst, sp.data() + sp.phys(a, swz), piece);
    a += piece;
    dst += piece;
    len -= piece;
  }
}
void spad_write(Scratchpad& sp, uint32_t a, bool swz, const uint8_t* src, uint32_t len) {
  const uint32_t w = sp.bank_width();
  while (len) {
    const uint32_t piece = std::min(len, w - (a & (w - 1)));
    std::memcpy(sp.data() + sp.phys(a, swz), src, piece);
    a += piece;
    src += piece;
    len -= piece;
  }
}

/// Copies n whole chunks between the scratchpad at logical address a (chunk-aligned) and linear
/// memory `lin`. Swizzle XORs the bank bits with the bank-row bits, so the XOR mask is constant
/// within a bank row: computed once per bank row. W is the chunk width when known at compile time.
template <uint32_t W>
void copy_chunks_w(uint8_t* s, uint32_t a, uint8_t* lin, uint32_t n, uint32_t w, uint32_t row_shift, uint32_t bank_mask,
                   uint32_t wshift, bool swz, bool to_spad) {
  const uint32_t cw = W ? W : w;
  const uint32_t per_row = bank_mask + 1;  // chunks per bank row
  while (n) {
    const uint32_t mask = placement(a, row_shift, swz ? bank_mask : 0, wshift) ^ a;  // constant within the bank row
    const uint32_t in_row = std::min(n, per_row - ((a >> wshift) & bank_mask));
    for (uint32_t i = 0; i < in_row; ++i, a += cw, lin += cw) {
      uint8_t* p = s + (a ^ mask);
      if (to_spad) std::memcpy(p, lin, W ? W : cw);
      else std::memcpy(lin, p, W ? W : cw);
    }
    n -= in_row;
  }
}

/// npairs chunk pairs (c, c+1), (c+2, c+3), ... of a bank row with chunk mask m, moved as 32-byte
/// vectors (halves exchanged when m is odd). Instantiated per direction and swap, and unrolled:
/// a branch per vector costs more than the copy.
template <bool kSwap, bool kToSpad>
__attribute__((target("avx2"))) inline void copy_pairs_avx2(uint8_t* row, uint8_t* lin, uint32_t c, uint32_t npairs,
                                                             uint32_t m) {
  const uint32_t pm = (m & ~1u) << 4;  // byte offset mask of the pair
#pragma GCC unroll 8
  for (uint32_t j = 0; j < npairs; ++j, c += 2, lin += 32) {
    __m256i* p = reinterpret_cast<__m256i*>(row + ((c << 4) ^ pm));
    __m256i v = _mm256_loadu_si256(kToSpad ? reinterpret_cast<const __m256i*>(lin) : p);
    if (kSwap) v = _mm256_permute4x64_epi64(v, 0x4e);
    _mm256_storeu_si256(kToSpad ? p : reinterpret_cast<__m256i*>(lin), v);
  }
}

/// 16-byte chunks with AVX2, two at a time: chunks 2j and 2j+1 of a bank row land on the pair
/// (2j ^ m, 2j+1 ^ m) - the same pair of slots, swapped when the mask m is odd - so a 32-byte
/// vector moves both, its halves exchanged for odd masks. a is chunk-aligned.
template <bool kToSpad>
__attribute__((target("avx2"))) void copy_chunks16_avx2(uint8_t* s, uint32_t a, uint8_t* lin, uint32_t n,
                                                        uint32_t row_shift, uint32_t bank_mask, bool swz) {
  const uint32_t per_row = bank_mask + 1;
  auto single = [&](uint8_t* row, uint32_t c, uint32_t m) {
    uint8_t* p = row + ((c ^ m) << 4);
    if (kToSpad) std::memcpy(p, lin, 16); else std::memcpy(lin, p, 16);
    lin += 16;
  };
  while (n) {
    const uint32_t m = (placement(a, row_shift, swz ? bank_mask : 0, 4) ^ a) >> 4;  // chunk index mask of this bank row
    const uint32_t c0 = (a >> 4) & bank_mask;
    const uint32_t in_row = std::min(n, per_row - c0);
    uint8_t* row = s + (a & ~((per_row << 4) - 1));
    uint32_t c = c0, left = in_row;
    if (c & 1) {  // a lone chunk up to the next pair
      single(row, c, m);
      ++c, --left;
    }
    const uint32_t np = left / 2;
    if (m & 1) copy_pairs_avx2<true, kToSpad>(row, lin, c, np, m);
    else copy_pairs_avx2<false, kToSpad>(row, lin, c, np, m);
    c += 2 * np, lin += 32 * np, left -= 2 * np;
    if (left) single(row, c, m);
    a += in_row << 4;
    n -= in_row;
  }
}

/// A whole 16-chunk bank row (256 bytes) with chunk mask m: 8 pairs, straight-line.
template <bool kSwap, bool kToSpad>
__attribute__((target("avx2"))) inline void copy_bank_row16_avx2(uint8_t* row, uint8_t* lin, uint32_t m) {
  const uint32_t pm = (m & ~1u) << 4;
#pragma GCC unroll 2
  for (uint32_t j = 0; j < 256; j += 32) {
    __m256i* p = reinterpret_cast<__m256i*>(row + (j ^ pm));
    __m256i* l = reinterpret_cast<__m256i*>(lin + j);
    __m256i v = _mm256_loadu_si256(kToSpad ? l : p);
    if (kSwap) v = _mm256_permute4x64_epi64(v, 0x4e);
    _mm256_storeu_si256(kToSpad ? p : l, v);
  }
}

/// copy_box with 16-byte chunks: rows that are exactly one 16-chunk bank row (DMA slabs of
/// 256-byte pitch) go straight-line; the others through the chunk walker.
template <bool kToSpad>
__attribute__((target("avx2"))) void copy_box16_avx2(uint8_t* s, uint32_t a, uint32_t spitch, uint8_t* lin,
                                                     uint64_t lpitch, uint32_t rows, uint32_t n, uint32_t row_shift,
                                                     uint32_t bank_mask, bool swz) {
  if (bank_mask == 15 && n == 16 && ((a | spitch) & 255) == 0) {
    const uint32_t mm = swz ? 15 : 0;
    for (uint32_t i = 0; i < rows; ++i, a += spitch, lin += lpitch) {
      const uint32_t m = (a >> row_shift) & mm;
      if (m & 1) copy_bank_row16_avx2<true, kToSpad>(s + a, lin, m);
      else copy_bank_row16_avx2<false, kToSpad>(s + a, lin, m);
    }
    return;
  }
  for (uint32_t i = 0; i < rows; ++i, a += spitch, lin += lpitch) copy_chunks16_avx2<kToSpad>(s, a, lin, n, row_shift, bank_mask, swz);
}

/// rows x n whole chunks: row i between scratchpad address a + i * spitch (chunk-aligned) and
/// linear memory lin + i * lpitch.
void copy_box(Scratchpad& sp, uint32_t a, uint32_t spitch, uint8_t* lin, uint64_t lpitch, uint32_t rows, uint32_t n,
              bool swz, bool to_spad) {
  const uint32_t w = sp.bank_width(), ws = sp.bank_width_shift(), rs = sp.row_shift(), bm = sp.banks() - 1;
  if (w == 16 && bm && use_avx2()) {
    if (to_spad) copy_box16_avx2<true>(sp.data(), a, spitch, lin, lpitch, rows, n, rs, bm, swz);
    else copy_box16_avx2<false>(sp.data(), a, spitch, lin, lpitch, rows, n, rs, bm, swz);
    return;
  }
  for (uint32_t i = 0; i < rows; ++i, a += spitch, lin += lpitch) {
    switch (w) {
      case 16: copy_chunks_w<16>(sp.data(), a, lin, n, w, rs, bm, ws, swz, to_spad); break;
      case 32: copy_chunks_w<32>(sp.data(), a, lin, n, w, rs, bm, ws, swz, to_spad); break;
      case 64: copy_chunks_w<64>(sp.data(), a, lin, n, w, rs, bm, ws, swz, to_spad); break;
      default: copy_chunks_w<0>(sp.data(), a, lin, n, w, rs, bm, ws, swz, to_spad); break;
    }
  }
}
/// The 16 rows of a full int8 tile, each one 16-byte chunk: the placements of all rows at once
/// in two vectors (row r at logical address a + r * stride, swizzled), then 16 plain moves.
__attribute__((target("avx2"))) void load_rows16_avx2(uint8_t* dst, const uint8_t* base, uint32_t a, uint32_t stride,
                                                      uint32_t row_shift, uint32_t bank_mask, uint32_t width_shift) {
  const __m256i step = _mm256_mullo_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32(int(stride)));
  const __m256i lo = _mm256_add_epi32(_mm256_set1_epi32(int(a)), step);
  const __m256i hi = _mm256_add_epi32(lo, _mm256_set1_epi32(int(8 * stride)));
  const __m128i rs = _mm_cvtsi32_si128(int(row_shift)), ws = _mm_cvtsi32_si128(int(width_shift));
  const __m256i bm = _mm256_set1_epi32(int(bank_mask));
  alignas(32) uint32_t off[16];
  _mm256_store_si256(reinterpret_cast<__m256i*>(off),
                     _mm256_xor_si256(lo, _mm256_sll_epi32(_mm256_and_si256(_mm256_srl_epi32(lo, rs), bm), ws)));
  _mm256_store_si256(reinterpret_cast<__m256i*>(off + 8),
                     _mm256_xor_si256(hi, _mm256_sll_epi32(_mm256_and_si256(_mm256_srl_epi32(hi, rs), bm), ws)));
#pragma GCC unroll 16
  for (int r = 0; r < 16; ++r)
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + 16 * r), _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + off[r])));
}
}  // namespace

namespace {
void load_rows16_portable(uint8_t* dst, const uint8_t* base, uint32_t a, uint32_t stride, uint32_t rs, uint32_t bm, uint32_t ws) {
  for (uint32_t r = 0; r < 16; ++r, a += stride, dst += 16) std::memcpy(dst, base + placement(a, rs, bm, ws), 16);
}
}  // namespace

Rows16Kernel rows16_kernel() { return use_avx2() ? load_rows16_avx2 : load_rows16_portable; }
Rows16Kernel rows16_kernel(KernelSet s) { return s == KernelSet::Fast && cpu_has_avx2() ? load_rows16_avx2 : load_rows16_portable; }

void transpose16x16_u8(uint8_t* dst, const uint8_t* src) {
  // Four rounds of interleaving rows k and k + 8 (a perfect shuffle of the 8 index bits each):
  // after four, element (i, j) sits at (j, i). SSE2, part of x86-64.
  __m128i r[16], s[16];
  for (int i = 0; i < 16; ++i) r[i] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + 16 * i));
  for (int round = 0; round < 4; ++round) {
    for (int k = 0; k < 8; ++k) {
      s[2 * k] = _mm_unpacklo_epi8(r[k], r[k + 8]);
      s[2 * k + 1] = _mm_unpackhi_epi8(r[k], r[k + 8]);
    }
    std::memcpy(r, s, sizeof r);
  }
  for (int i = 0; i < 16; ++i) _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + 16 * i), r[i]);
}

void load_int8_rows16(uint8_t* dst, const Scratchpad& sp, uint32_t addr, uint32_t stride, bool swz) {
  if (sp.bank_width() < 16) {  // rows span banks
    for (uint32_t r = 0; r < 16; ++r) spad_read(sp, addr + r * stride, swz, dst + 16 * r, 16);
    return;
  }
  // Each row is one aligned 16-byte piece.
  rows16_kernel()(dst, sp.data(), addr, stride, sp.row_shift(), swz ? sp.banks() - 1 : 0, sp.bank_width_shift());
}

void tile_load(Tile& t, const Scratchpad& sp, TileLayout l, const TileAccess& acc, const XtConfigState& cfg,
               bool upper_zero) {
  // The destination is a register, never scratchpad memory: fill it in place. Full int8 tiles
  // (the common case) clear only the bytes beyond the int8 view, and only if they may be non-zero.
  const bool full8 = (l == TileLayout::Int8) && acc.rows == 16 && cfg.cols == 16;
  const bool full32 = (l == TileLayout::Int32) && acc.rows == 16 && cfg.cols == 16;  // every byte is written
  if (!full8 && !full32) t.clear();
  else if (!upper_zero) std::memset(t.b + 256, 0, sizeof t.b - 256);
  const bool swz = cfg.swizzle != 0;
  switch (l) {
    case TileLayout::Int8:
      if (full8) {
        load_int8_rows16(t.b, sp, acc.addr, acc.stride, swz);
      } else if (cfg.cols == 16 && sp.bank_width() >= 16) {
        const uint8_t* base = sp.data();
        for (uint32_t r = 0; r < acc.rows; ++r) std::memcpy(t.b + 16 * r, base + sp.phys(acc.addr + r * acc.stride, swz), 16);
      } else {
        for (uint32_t r = 0; r < acc.rows; ++r) spad_read(sp, acc.addr + r * acc.stride, swz, t.b + 16 * r, cfg.cols);
      }
      break;
    case TileLayout::Int8Transposed: {  // memory holds rows x cols; the tile is its transpose
      // A full tile: its 16 rows, then an SSE2 byte transpose (the fast path; TILESIM_KERNELS=ref
      // takes the element walk below, the reference).
      if (acc.rows == 16 && cfg.cols == 16 && kernel_set() == KernelSet::Fast) {
        uint8_t m[256];
        load_int8_rows16(m, sp, acc.addr, acc.stride, swz);
        transpose16x16_u8(t.b, m);
        break;
      }
      uint8_t row[16];
      for (uint32_t i = 0; i < acc.rows; ++i) {
        spad_read(sp, acc.addr + i * acc.stride, swz, row, cfg.cols);
        for (uint32_t j = 0; j < cfg.cols; ++j) t.set_8(int(j), int(i), row[j]);
      }
      break;
    }
    case TileLayout::Int32:
      if (full32 && ((acc.addr | acc.stride) & (sp.bank_width() - 1)) == 0 && sp.bank_width() <= 64) {  // whole chunks
        copy_box(const_cast<Scratchpad&>(sp), acc.addr, acc.stride, t.b, 64, 16, 64 >> sp.bank_width_shift(), swz, false);
        break;
      }
      for (uint32_t r = 0; r < acc.rows; ++r) spad_read(sp, acc.addr + r * acc.stride, swz, t.b + 64 * r, 4 * cfg.cols);
      break;
    case TileLayout::Ternary:
      for (uint32_t r = 0; r < acc.rows; ++r) {
        spad_read(sp, acc.addr + r * acc.stride, swz, t.b + 4 * r, 4);
        for (uint32_t c = cfg.cols; c < 16; ++c) t.set_code(int(r), int(c), 0);  // outside the tail: zero weight
      }
      break;
  }
}

void tile_store(Scratchpad& sp, const Tile& s, TileLayout l, const TileAccess& acc, const XtConfigState& cfg) {
  const bool swz = cfg.swizzle != 0;
  const uint32_t row_bytes = l == TileLayout::Int32 ? 4 * cfg.cols : cfg.cols;
  const uint32_t src_pitch = l == TileLayout::Int32 ? 64 : 16;
  const uint32_t w = sp.bank_width();
  if (((acc.addr | acc.stride | row_bytes) & (w - 1)) == 0) {  // whole chunks: the chunk copier
    copy_box(sp, acc.addr, acc.stride, const_cast<uint8_t*>(s.b), src_pitch, acc.rows, row_bytes >> sp.bank_width_shift(), swz,
             true);
    return;
  }
  for (uint32_t r = 0; r < acc.rows; ++r) spad_write(sp, acc.addr + r * acc.stride, swz, s.b + src_pitch * r, row_bytes);
}

namespace {
void box_copy(Scratchpad& sp, uint32_t a, uint32_t spitch, uint8_t* lin, uint64_t lpitch, uint32_t rows, uint32_t row_bytes, bool swz,
              bool to_spad) {
  const uint32_t w = sp.bank_width(), bank_row = sp.banks() * w;
  if (((a | spitch | row_bytes) & (w - 1)) == 0) {
    // Contiguous rows of whole bank rows: one box of bank rows (the chunk copier's straight line).
    if (spitch == row_bytes && lpitch == row_bytes && row_bytes % bank_row == 0 && a % bank_row == 0) {
      const uint64_t bytes = uint64_t(rows) * row_bytes;
      copy_box(sp, a, bank_row, lin, bank_row, static_cast<uint32_t>(bytes / bank_row), bank_row >> sp.bank_width_shift(), swz, to_spad);
      return;
    }
    copy_box(sp, a, spitch, lin, lpitch, rows, row_bytes >> sp.bank_width_shift(), swz, to_spad);
    return;
  }
  for (uint32_t r = 0; r < rows; ++r, a += spitch, lin += lpitch) {
    if (to_spad) spad_write(sp, a, swz, lin, row_bytes);
    else spad_read(sp, a, swz, lin, row_bytes);
  }
}
}  // namespace

void spad_box_read(const Scratchpad& sp, uint32_t a, uint32_t spitch, uint8_t* lin, uint64_t lpitch, uint32_t rows,
                   uint32_t row_bytes, bool swz) {
  box_copy(const_cast<Scratchpad&>(sp), a, spitch, lin, lpitch, rows, row_bytes, swz, false);
}
void spad_box_write(Scratchpad& sp, uint32_t a, uint32_t spitch, const uint8_t* lin, uint64_t lpitch, uint32_t rows,
                    uint32_t row_bytes, bool swz) {
  box_copy(sp, a, spitch, const_cast<uint8_t*>(lin), lpitch, rows, row_bytes, swz, true);
}

std::string parse_desc(const uint32_t w[kDmaDescWords], uint32_t queues, DmaDesc& d) {
#define DMA_WORD(i, member, ctype, pack, doc) d.member = w[i];
#define DMA_FIELD(i, lsb, bits, member, doc) d.member = (w[i] >> (lsb)) & ((uint64_t(1) << (bits)) - 1);
#include "isa/xtile_abi.def"
#undef DMA_WORD
#undef DMA_FIELD
  if (d.elem != 1 && d.elem != 2 && d.elem != 4) return "DMA descriptor: element size " + std::to_string(d.elem) + " (must be 1, 2 or 4)";
  if (d.box_rows == 0 || d.box_cols == 0) return "DMA descriptor: empty box (" + std::to_string(d.box_rows) + " x " + std::to_string(d.box_cols) + ")";
  if (d.queue >= queues) return "DMA descriptor: queue " + std::to_string(d.queue) + " (the chip has " + std::to_string(queues) + ")";
  if (uint64_t(d.box_cols) * d.elem > d.spad_pitch && d.box_rows > 1)
    return "DMA descriptor: scratchpad pitch " + std::to_string(d.spad_pitch) + " is smaller than a box row";
  if (uint64_t(d.cols) * d.elem > d.pitch && d.rows > 1)
    return "DMA descriptor: tensor pitch " + std::to_string(d.pitch) + " is smaller than a tensor row";
  return "";
}

std::string dma_execute(DmaDir dir, const DmaDesc& d, uint32_t row, uint32_t spad_addr, uint8_t* dram,
                        uint32_t dram_base, uint64_t dram_size, Scratchpad& sp, DmaEffect& eff) {
  if (dir == DmaDir::Reduce && d.elem != 4) return "xt.dma.red needs 4-byte (int32) elements";
  if (spad_addr & (d.elem - 1)) return "DMA scratchpad address " + hex(spad_addr) + " not aligned to the element size";
  const int64_t row0 = static_cast<int32_t>(row), col0 = d.col0();
  const uint64_t box_row_bytes = uint64_t(d.box_cols) * d.elem;
  const uint64_t spad_end = uint64_t(spad_addr) + uint64_t(d.box_rows - 1) * d.spad_pitch + box_row_bytes;
  if (spad_end > sp.size())
    return "DMA box " + hex(spad_addr) + ".." + hex(spad_end - 1) + " overflows the scratchpad (" + std::to_string(sp.size()) + " bytes)";
  // In-bounds columns of the box (the same for every row).
  const int64_t c_lo = std::max<int64_t>(0, -col0), c_hi = std::min<int64_t>(d.box_cols, int64_t(d.cols) - col0);
  eff.dram_segments.clear();  // keeps its capacity: this runs for every transfer
  eff.bytes = 0;
  uint8_t* s = sp.data();
  const uint32_t w = sp.bank_width();
  // Fast path for the common box: every row inside the tensor and DRAM, whole chunks on both
  // sides, a load or a store: no per-row case analysis.
  const uint64_t first_a = uint64_t(d.base) + uint64_t(std::max<int64_t>(row0, 0)) * d.pitch + uint64_t(col0 + c_lo) * d.elem;
  const uint64_t last_a = first_a + uint64_t(d.box_rows - 1) * d.pitch + box_row_bytes;
  if (dir != DmaDir::Reduce && row0 >= 0 && row0 + int64_t(d.box_rows) <= int64_t(d.rows) && c_lo == 0 &&
      c_hi == int64_t(d.box_cols) && ((spad_addr | d.spad_pitch | box_row_bytes) & (w - 1)) == 0 && first_a >= dram_base &&
      last_a <= uint64_t(dram_base) + dram_size) {
    const uint32_t chunks = static_cast<uint32_t>(box_row_bytes >> sp.bank_width_shift());
    const bool to_spad = dir == DmaDir::Load;
    eff.dram_segments.resize(d.box_rows);
    uint64_t a = first_a;
    for (uint32_t i = 0; i < d.box_rows; ++i, a += d.pitch)
      eff.dram_segments[i] = {static_cast<uint32_t>(a), static_cast<uint32_t>(box_row_bytes)};
    copy_box(sp, spad_addr, d.spad_pitch, dram + (first_a - dram_base), d.pitch, d.box_rows, chunks, d.swizzle, to_spad);
    eff.bytes = uint64_t(d.box_rows) * box_row_bytes;
    return "";
  }
  for (uint32_t i = 0; i < d.box_rows; ++i) {
    const int64_t tr = row0 + i;
    const uint32_t srow = spad_addr + i * d.spad_pitch;
    const bool row_in = tr >= 0 && tr < int64_t(d.rows) && c_hi > c_lo;
    // Byte range of the box row that lies inside the tensor: [in_lo, in_hi).
    uint64_t in_lo = 0, in_hi = 0;
    uint8_t* drow = nullptr;  // DRAM byte of box column 0 of this row (may lie before the tensor)
    if (row_in) {
      const uint64_t a = uint64_t(d.base) + uint64_t(tr) * d.pitch + uint64_t(col0 + c_lo) * d.elem;
      const uint64_t len = uint64_t(c_hi - c_lo) * d.elem;
      if (a < dram_base || a + len > uint64_t(dram_base) + dram_size)
        return "DMA touches " + hex(a) + ".." + hex(a + len - 1) + ", outside DRAM " + hex(dram_base) + ".." +
               hex(uint64_t(dram_base) + dram_size - 1);
      eff.dram_segments.emplace_back(static_cast<uint32_t>(a), static_cast<uint32_t>(len));
      eff.bytes += len;
      in_lo = uint64_t(c_lo) * d.elem;
      in_hi = uint64_t(c_hi) * d.elem;
      drow = dram + (a - dram_base) - in_lo;
    }
    // Fast path: the whole box row lies inside the tensor, starts on a chunk and is a load or a
    // store: copy whole chunks (swizzle moves whole chunks).
    if (row_in && in_lo == 0 && in_hi == box_row_bytes && (srow & (w - 1)) == 0 && (box_row_bytes & (w - 1)) == 0 &&
        dir != DmaDir::Reduce) {
      copy_box(sp, srow, 0, drow, 0, 1, static_cast<uint32_t>(box_row_bytes >> sp.bank_width_shift()), d.swizzle,
               dir == DmaDir::Load);
      continue;
    }
    // Walk the row in pieces that stay inside one bank_width chunk: swizzle moves whole chunks.
    for (uint64_t off = 0; off < box_row_bytes;) {
      const uint32_t sa = srow + static_cast<uint32_t>(off);
      uint64_t piece = std::min<uint64_t>(box_row_bytes - off, w - (sa & (w - 1)));
      const bool in = off >= in_lo && off < in_hi;
      piece = std::min(piece, in ? in_hi - off : (off < in_lo ? in_lo - off : piece));
      uint8_t* sp_bytes = s + sp.phys(sa, d.swizzle);
      if (dir == DmaDir::Load) {
        if (in) std::memcpy(sp_bytes, drow + off, piece);
        else std::memset(sp_bytes, 0, piece);
      } else if (dir == DmaDir::Store && in) {
        std::memcpy(drow + off, sp_bytes, piece);
      } else if (dir == DmaDir::Reduce && in) {
        for (uint64_t k = 0; k + 4 <= piece; k += 4) {
          uint32_t add, cur;
          std::memcpy(&add, sp_bytes + k, 4);
          std::memcpy(&cur, drow + off + k, 4);
          cur += add;
          std::memcpy(drow + off + k, &cur, 4);
        }
      }
      off += piece;
    }
  }
  return "";
}

}  // namespace xtile
