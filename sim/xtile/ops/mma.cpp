// The MMA of every number format (isa/formats.def): the reference kernel of each, its AVX2
// kernel, and the table that picks one per kernel set (sim/xtile/kernels.h). The AVX2 kernels
// widen both operands to int16 (int8, uint8, int4 and ternary values all fit) and use vpmaddwd
// on k-pairs: C[m][n0..n0+7] += sum_kp madd(Bpair[kp][n], Apair[m][kp]).
#include <immintrin.h>

#include <cstdint>
#include <cstring>
#include <cstdlib>
#include <memory>

#include "sim/xtile/ops.h"

namespace xtile {

using isa::Format;

// ---- reference kernels: the definitions ---------------------------------------------------

namespace {
int32_t wrap_add(int32_t x, int32_t y) { return static_cast<int32_t>(static_cast<uint32_t>(x) + static_cast<uint32_t>(y)); }
}  // namespace

void mma_i8_ref(Tile& d, const Tile& a, const Tile& b, bool a_signed, bool b_signed) {
  int32_t av[kDim][kDim], bv[kDim][kDim];
  for (int r = 0; r < kDim; ++r)
    for (int k = 0; k < kDim; ++k) {
      av[r][k] = a_signed ? a.s8(r, k) : a.u8(r, k);
      bv[r][k] = b_signed ? b.s8(r, k) : b.u8(r, k);
    }
  for (int m = 0; m < kDim; ++m)
    for (int n = 0; n < kDim; ++n) {
      int32_t acc = 0;  // |sum| <= 16 * 255 * 255: no overflow inside one MMA
      for (int k = 0; k < kDim; ++k) acc += av[m][k] * bv[n][k];
      d.set_w(m, n, wrap_add(d.w(m, n), acc));
    }
}

uint32_t mma_t2_ref(Tile& d, const Tile& a, const Tile& w) {
  int32_t wv[kDim][kDim];
  uint32_t invalid = 0;
  for (int n = 0; n < kDim; ++n)
    for (int k = 0; k < kDim; ++k) {
      const unsigned c = w.code(n, k);
      invalid += c == kTernaryInvalid;
      wv[n][k] = ternary_value(c);
    }
  for (int m = 0; m < kDim; ++m)
    for (int n = 0; n < kDim; ++n) {
      int32_t acc = 0;
      for (int k = 0; k < kDim; ++k) acc += a.s8(m, k) * wv[n][k];
      d.set_w(m, n, wrap_add(d.w(m, n), acc));
    }
  return invalid;
}

void mma_s4_ref(Tile& d, const Tile& a, const Tile& b) {
  for (int m = 0; m < kDim; ++m)
    for (int n = 0; n < kDim; ++n) {
      int32_t acc = 0;  // |sum| <= 32 * 64
      for (int k = 0; k < 2 * kDim; ++k) acc += a.s4(m, k) * b.s4(n, k);
      d.set_w(m, n, wrap_add(d.w(m, n), acc));
    }
}

uint32_t count_invalid_codes(const Tile& w) {
  uint32_t n = 0;
  for (int i = 0; i < 64; ++i)
    for (int s = 0; s < 8; s += 2) n += ((w.b[i] >> s) & 3u) == kTernaryInvalid;
  return n;
}

// ---- AVX2 kernels ---------------------------------------------------------------------------
namespace {
/// In-place transpose of an 8x8 int32 block held in 8 registers.
__attribute__((target("avx2"))) inline void transpose8(__m256i r[8]) {
  __m256i t0 = _mm256_unpacklo_epi32(r[0], r[1]), t1 = _mm256_unpackhi_epi32(r[0], r[1]);
  __m256i t2 = _mm256_unpacklo_epi32(r[2], r[3]), t3 = _mm256_unpackhi_epi32(r[2], r[3]);
  __m256i t4 = _mm256_unpacklo_epi32(r[4], r[5]), t5 = _mm256_unpackhi_epi32(r[4], r[5]);
  __m256i t6 = _mm256_unpacklo_epi32(r[6], r[7]), t7 = _mm256_unpackhi_epi32(r[6], r[7]);
  __m256i u0 = _mm256_unpacklo_epi64(t0, t2), u1 = _mm256_unpackhi_epi64(t0, t2);
  __m256i u2 = _mm256_unpacklo_epi64(t1, t3), u3 = _mm256_unpackhi_epi64(t1, t3);
  __m256i u4 = _mm256_unpacklo_epi64(t4, t6), u5 = _mm256_unpackhi_epi64(t4, t6);
  __m256i u6 = _mm256_unpacklo_epi64(t5, t7), u7 = _mm256_unpackhi_epi64(t5, t7);
  r[0] = _mm256_permute2x128_si256(u0, u4, 0x20);
  r[1] = _mm256_permute2x128_si256(u1, u5, 0x20);
  r[2] = _mm256_permute2x128_si256(u2, u6, 0x20);
  r[3] = _mm256_permute2x128_si256(u3, u7, 0x20);
  r[4] = _mm256_permute2x128_si256(u0, u4, 0x31);
  r[5] = _mm256_permute2x128_si256(u1, u5, 0x31);
  r[6] = _mm256_permute2x128_si256(u2, u6, 0x31);
  r[7] = _mm256_permute2x128_si256(u3, u7, 0x31);
}

__attribute__((target("avx2"))) inline __m256i widen_row(const uint8_t* p, bool is_signed) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  return is_signed ? _mm256_cvtepi8_epi16(v) : _mm256_cvtepu8_epi16(v);
}
}  // namespace

/// bw[n] = row n of B widened to int16 (16 values = 8 k-pairs); a likewise for A.
namespace {
__attribute__((target("avx2"))) void mma_core_avx2(Tile& d, const __m256i aw[16], const __m256i bw[16]) {
  // Transpose B's 16 (n) x 8 (kp) int32 pairs into bp[kp] = n 0..7 and bq[kp] = n 8..15.
  __m256i lo[8], hi[8];
  for (int i = 0; i < 8; ++i) {
    lo[i] = bw[i];
    hi[i] = bw[i + 8];
  }
  transpose8(lo);
  transpose8(hi);
  for (int m = 0; m < 16; ++m) {
    __m256i acc0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(d.b + 64 * m));
    __m256i acc1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(d.b + 64 * m + 32));
    alignas(32) int32_t ap[8];
    _mm256_store_si256(reinterpret_cast<__m256i*>(ap), aw[m]);
    for (int kp = 0; kp < 8; ++kp) {
      const __m256i va = _mm256_set1_epi32(ap[kp]);
      acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(lo[kp], va));
      acc1 = _mm256_add_epi32(acc1, _mm256_madd_epi16(hi[kp], va));
    }
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(d.b + 64 * m), acc0);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(d.b + 64 * m + 32), acc1);
  }
}

__attribute__((target("avx2"))) inline void mma_i8_avx2(Tile& d, const Tile& a, const Tile& b, bool a_signed, bool b_signed) {
  __m256i aw[16], bw[16];
  for (int r = 0; r < 16; ++r) {
    aw[r] = widen_row(a.b + 16 * r, a_signed);
    bw[r] = widen_row(b.b + 16 * r, b_signed);
  }
  mma_core_avx2(d, aw, bw);
}

__attribute__((target("avx2"))) uint32_t mma_t2_avx2(Tile& d, const Tile& a, const Tile& w) {
  static_assert(ternary_value(0) == 0 && ternary_value(1) == 1 && ternary_value(2) == 0 && ternary_value(3) == -1 &&
                    kTernaryInvalid == 2,
                "the decode below");
  // Row n of W: 16 2-bit codes in 32 bits, code k in bits 2k..2k+1. Lane k (int16) gets the
  // 16-bit half holding its code, multiplied by 2^(14 - 2 (k % 8)) so that the code lands in
  // bits 14..15; value = (c & 1) | (c == 3 ? -1 : 0).
  const __m256i up = _mm256_setr_epi16(1 << 14, 1 << 12, 1 << 10, 1 << 8, 1 << 6, 1 << 4, 1 << 2, 1, 1 << 14, 1 << 12,
                                       1 << 10, 1 << 8, 1 << 6, 1 << 4, 1 << 2, 1);
  const __m256i one = _mm256_set1_epi16(1), two = _mm256_set1_epi16(2), three = _mm256_set1_epi16(3);
  __m256i aw[16], bw[16];
  uint32_t invalid = 0;
  for (int r = 0; r < 16; ++r) {
    aw[r] = widen_row(a.b + 16 * r, true);
    uint32_t x;
    std::memcpy(&x, w.b + 4 * r, 4);
    const __m256i halves = _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_set1_epi16(static_cast<int16_t>(x & 0xffff))),
                                                   _mm_set1_epi16(static_cast<int16_t>(x >> 16)), 1);
    const __m256i c = _mm256_srli_epi16(_mm256_mullo_epi16(halves, up), 14);
    bw[r] = _mm256_or_si256(_mm256_and_si256(c, one), _mm256_cmpeq_epi16(c, three));
    invalid += static_cast<uint32_t>(__builtin_popcount(static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi16(c, two))))) / 2;
  }
  mma_core_avx2(d, aw, bw);
  return invalid;
}


/// int4: row r of A (and of B) holds 32 elements in 16 bytes, element k in byte k/2, low nibble
/// first. The dot product does not depend on the order of k, so each operand is split into its
/// low nibbles (elements 0, 2, .., 30) and its high nibbles (1, 3, .., 31), sign-extended to
/// int16, and the int8 core runs once per half.
__attribute__((target("avx2"))) void mma_s4_avx2(Tile& d, const Tile& a, const Tile& b) {
  __m256i alo[16], ahi[16], blo[16], bhi[16];
  for (int r = 0; r < 16; ++r) {
    const __m256i x = _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(a.b + 16 * r)));
    const __m256i y = _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(b.b + 16 * r)));
    alo[r] = _mm256_srai_epi16(_mm256_slli_epi16(x, 12), 12);
    ahi[r] = _mm256_srai_epi16(_mm256_slli_epi16(x, 8), 12);
    blo[r] = _mm256_srai_epi16(_mm256_slli_epi16(y, 12), 12);
    bhi[r] = _mm256_srai_epi16(_mm256_slli_epi16(y, 8), 12);
  }
  mma_core_avx2(d, alo, blo);
  mma_core_avx2(d, ahi, bhi);
}
}  // namespace

// ---- the table: one reference and one fast kernel per format ------------------------------

namespace {
template <bool kAs, bool kBs>
uint32_t i8_ref(Tile& d, const Tile& a, const Tile& b) {
  mma_i8_ref(d, a, b, kAs, kBs);
  return 0;
}
template <bool kAs, bool kBs>
__attribute__((target("avx2"))) uint32_t i8_avx2(Tile& d, const Tile& a, const Tile& b) {
  mma_i8_avx2(d, a, b, kAs, kBs);
  return 0;
}
uint32_t s4_ref(Tile& d, const Tile& a, const Tile& b) {
  mma_s4_ref(d, a, b);
  return 0;
}
__attribute__((target("avx2"))) uint32_t s4_avx2(Tile& d, const Tile& a, const Tile& b) {
  mma_s4_avx2(d, a, b);
  return 0;
}

struct MmaPair {
  Format f;
  MmaKernel ref, fast;
};
// Adding a format: a row in isa/formats.def and its pair of kernels here (same order).
constexpr MmaPair kMma[] = {
    {Format::Int8SS, i8_ref<true, true>, i8_avx2<true, true>},
    {Format::Int8SU, i8_ref<true, false>, i8_avx2<true, false>},
    {Format::Int8US, i8_ref<false, true>, i8_avx2<false, true>},
    {Format::Int8UU, i8_ref<false, false>, i8_avx2<false, false>},
    {Format::Ternary, mma_t2_ref, mma_t2_avx2},
    {Format::Int4, s4_ref, s4_avx2},
};
static_assert(sizeof kMma / sizeof kMma[0] == isa::kNumFormats, "one kernel pair per row of isa/formats.def");
constexpr bool table_in_order() {
  for (int i = 0; i < isa::kNumFormats; ++i)
    if (kMma[i].f != static_cast<Format>(i)) return false;
  return true;
}
static_assert(table_in_order(), "kernel pairs in the order of isa/formats.def");
}  // namespace

MmaKernel mma_kernel(Format f, KernelSet s) {
  const MmaPair& p = kMma[static_cast<int>(f)];
  return s == KernelSet::Fast && cpu_has_avx2() ? p.fast : p.ref;
}

uint32_t mma_ref(Format f, Tile& d, const Tile& a, const Tile& b) { return kMma[static_cast<int>(f)].ref(d, a, b); }

namespace {
/// B's 16 rows widened to int16 and transposed into mma_core_avx2's k-pair layout (its lo/hi
/// halves), once per operand tile of a block.
struct PreparedB {
  __m256i lo[8], hi[8];
};
struct PreparedA {
  __m256i w[16];
};

__attribute__((target("avx2"))) void prepare_b(PreparedB& p, const Tile& b, bool is_signed) {
  for (int i = 0; i < 8; ++i) {
    p.lo[i] = widen_row(b.b + 16 * i, is_signed);
    p.hi[i] = widen_row(b.b + 16 * (i + 8), is_signed);
  }
  transpose8(p.lo);
  transpose8(p.hi);
}

/// mma_core_avx2 on prepared operands (the same arithmetic, so the same bits).
__attribute__((target("avx2"))) void mma_prepared_avx2(Tile& d, const PreparedA& a, const PreparedB& b) {
  for (int m = 0; m < 16; ++m) {
    __m256i acc0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(d.b + 64 * m));
    __m256i acc1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(d.b + 64 * m + 32));
    alignas(32) int32_t ap[8];
    _mm256_store_si256(reinterpret_cast<__m256i*>(ap), a.w[m]);
    for (int kp = 0; kp < 8; ++kp) {
      const __m256i va = _mm256_set1_epi32(ap[kp]);
      acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(b.lo[kp], va));
      acc1 = _mm256_add_epi32(acc1, _mm256_madd_epi16(b.hi[kp], va));
    }
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(d.b + 64 * m), acc0);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(d.b + 64 * m + 32), acc1);
  }
}

__attribute__((target("avx2"))) void mma_block_i8_avx2(Tile* c, const Tile* a, const Tile* b, unsigned bm, unsigned bn, unsigned bk,
                                                      bool a_signed, bool b_signed) {
  // 32-byte aligned storage for the prepared tiles (vmovdqa), freed on return.
  const size_t na = size_t(bm) * bk, nb = size_t(bn) * bk;
  const size_t bytes = (na * sizeof(PreparedA) + nb * sizeof(PreparedB) + 31) & ~size_t(31);
  std::unique_ptr<void, void (*)(void*)> mem(std::aligned_alloc(32, bytes), std::free);
  PreparedA* const pa = static_cast<PreparedA*>(mem.get());
  PreparedB* const pb = reinterpret_cast<PreparedB*>(pa + na);
  for (size_t t = 0; t < na; ++t)
    for (int r = 0; r < 16; ++r) pa[t].w[r] = widen_row(a[t].b + 16 * r, a_signed);
  for (size_t t = 0; t < nb; ++t) prepare_b(pb[t], b[t], b_signed);
  for (unsigned i = 0; i < bm; ++i)
    for (unsigned j = 0; j < bn; ++j)
      for (unsigned kk = 0; kk < bk; ++kk) mma_prepared_avx2(c[i * bn + j], pa[i * bk + kk], pb[j * bk + kk]);
}
}  // namespace

uint32_t mma_block(Format f, KernelSet s, Tile* c, const Tile* a, const Tile* b, unsigned bm, unsigned bn, unsigned bk) {
  const isa::FormatRow& fi = isa::format(f);
  if (s == KernelSet::Fast && cpu_has_avx2() && fi.a_bits == 8 && fi.b_bits == 8) {
    mma_block_i8_avx2(c, a, b, bm, bn, bk, fi.a_signed, fi.b_signed);
    return 0;
  }
  const MmaKernel k = mma_kernel(f, s);
  uint32_t invalid = 0;
  for (unsigned i = 0; i < bm; ++i)
    for (unsigned j = 0; j < bn; ++j)
      for (unsigned kk = 0; kk < bk; ++kk) invalid += k(c[i * bn + j], a[i * bk + kk], b[j * bk + kk]);
  return invalid;
}

}  // namespace xtile
