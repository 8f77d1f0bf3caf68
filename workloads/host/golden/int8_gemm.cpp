#include "workloads/host/golden/int8_gemm.h"

#include <cstdlib>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define GOLDEN_X86 1
#endif

#include "workloads/host/golden/parallel.h"

namespace golden {
namespace {

// Every kernel computes a block of up to 4 rows of A against up to 2 rows of B; rows past the
// end repeat the last one and their results are dropped.
struct Block {
  const int8_t* a[4];
  const int8_t* b[2];
  uint32_t k;
};

void block_portable(const Block& bl, int32_t out[4][2]) {
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 2; ++j) {
      uint32_t s = 0;  // wraps like the hardware accumulator
      for (uint32_t x = 0; x < bl.k; ++x) s += static_cast<uint32_t>(int32_t(bl.a[i][x]) * bl.b[j][x]);
      out[i][j] = static_cast<int32_t>(s);
    }
}

#ifdef GOLDEN_X86
// Products of int8 fit int16 and pairs of them int32 (|-128 x -128 x 2| = 32768 < 2^31): pmaddwd
// on sign-extended int16 is exact, unlike pmaddubsw, which saturates.
inline __m128i widen_lo(__m128i v) { return _mm_srai_epi16(_mm_unpacklo_epi8(v, v), 8); }
inline __m128i widen_hi(__m128i v) { return _mm_srai_epi16(_mm_unpackhi_epi8(v, v), 8); }
inline int32_t hsum(__m128i v) {
  v = _mm_add_epi32(v, _mm_shuffle_epi32(v, 0x4e));
  v = _mm_add_epi32(v, _mm_shuffle_epi32(v, 0xb1));
  return _mm_cvtsi128_si32(v);
}

void block_sse2(const Block& bl, int32_t out[4][2]) {
  __m128i acc[4][2];
  for (auto& r : acc) r[0] = r[1] = _mm_setzero_si128();
  uint32_t x = 0;
  for (; x + 16 <= bl.k; x += 16) {
    __m128i blo[2], bhi[2];
    for (int j = 0; j < 2; ++j) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bl.b[j] + x));
      blo[j] = widen_lo(v);
      bhi[j] = widen_hi(v);
    }
    for (int i = 0; i < 4; ++i) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bl.a[i] + x));
      const __m128i lo = widen_lo(v), hi = widen_hi(v);
      for (int j = 0; j < 2; ++j)
        acc[i][j] = _mm_add_epi32(acc[i][j], _mm_add_epi32(_mm_madd_epi16(lo, blo[j]), _mm_madd_epi16(hi, bhi[j])));
    }
  }
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 2; ++j) {
      uint32_t s = static_cast<uint32_t>(hsum(acc[i][j]));
      for (uint32_t t = x; t < bl.k; ++t) s += static_cast<uint32_t>(int32_t(bl.a[i][t]) * bl.b[j][t]);
      out[i][j] = static_cast<int32_t>(s);
    }
}

__attribute__((target("avx2"))) void block_avx2(const Block& bl, int32_t out[4][2]) {
  __m256i acc[4][2];
  for (auto& r : acc) r[0] = r[1] = _mm256_setzero_si256();
  uint32_t x = 0;
  for (; x + 16 <= bl.k; x += 16) {
    const __m256i b0 = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bl.b[0] + x)));
    const __m256i b1 = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bl.b[1] + x)));
    for (int i = 0; i < 4; ++i) {
      const __m256i a = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bl.a[i] + x)));
      acc[i][0] = _mm256_add_epi32(acc[i][0], _mm256_madd_epi16(a, b0));
      acc[i][1] = _mm256_add_epi32(acc[i][1], _mm256_madd_epi16(a, b1));
    }
  }
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 2; ++j) {
      const __m128i v = _mm_add_epi32(_mm256_castsi256_si128(acc[i][j]), _mm256_extracti128_si256(acc[i][j], 1));
      uint32_t s = static_cast<uint32_t>(hsum(v));
      for (uint32_t t = x; t < bl.k; ++t) s += static_cast<uint32_t>(int32_t(bl.a[i][t]) * bl.b[j][t]);
      out[i][j] = static_cast<int32_t>(s);
    }
}
#endif

}  // namespace

bool gemm_kernel_available(GemmKernel k) {
#ifdef GOLDEN_X86
  if (k == GemmKernel::Avx2) return __builtin_cpu_supports("avx2");
  return true;
#else
  return k == GemmKernel::Portable;
#endif
}

GemmKernel best_gemm_kernel() {
  static const GemmKernel best = [] {
    const char* e = std::getenv("TILESIM_KERNELS");
    if (e && std::strcmp(e, "ref") == 0) return GemmKernel::Portable;
    if (gemm_kernel_available(GemmKernel::Avx2)) return GemmKernel::Avx2;
    if (gemm_kernel_available(GemmKernel::Sse2)) return GemmKernel::Sse2;
    return GemmKernel::Portable;
  }();
  return best;
}

const char* gemm_kernel_name(GemmKernel k) {
  return k == GemmKernel::Avx2 ? "avx2" : k == GemmKernel::Sse2 ? "sse2" : "portable";
}

void gemm_i8_into(const int8_t* a, uint64_t lda, const int8_t* b, uint64_t ldb, uint32_t m, uint32_t n, uint32_t k,
                  int32_t* c, uint64_t ldc, GemmKernel kernel, bool threads) {
  if (!gemm_kernel_available(kernel)) kernel = GemmKernel::Portable;
  void (*blk)(const Block&, int32_t[4][2]) = block_portable;
#ifdef GOLDEN_X86
  if (kernel == GemmKernel::Sse2) blk = block_sse2;
  if (kernel == GemmKernel::Avx2) blk = block_avx2;
#endif
  // Work items: 4-row blocks of A, each walking all of B in pairs of rows.
  const uint32_t mblocks = (m + 3) / 4;
  auto item = [&](uint64_t ib) {
    const uint32_t i0 = static_cast<uint32_t>(ib) * 4;
    Block bl;
    bl.k = k;
    for (int i = 0; i < 4; ++i) bl.a[i] = a + uint64_t(std::min(i0 + i, m - 1)) * lda;
    for (uint32_t j0 = 0; j0 < n; j0 += 2) {
      bl.b[0] = b + uint64_t(j0) * ldb;
      bl.b[1] = b + uint64_t(std::min(j0 + 1, n - 1)) * ldb;
      int32_t out[4][2];
      blk(bl, out);
      for (uint32_t i = 0; i < 4 && i0 + i < m; ++i)
        for (uint32_t j = 0; j < 2 && j0 + j < n; ++j) c[uint64_t(i0 + i) * ldc + j0 + j] = out[i][j];
    }
  };
  if (threads) {
    parallel_for(mblocks, item);
  } else {
    for (uint32_t ib = 0; ib < mblocks; ++ib) item(ib);
  }
}

std::vector<int8_t> unpack_ternary(const std::vector<uint8_t>& packed, uint32_t rows, uint32_t k) {
  static const int8_t value[4] = {0, 1, 0, -1};
  const uint64_t prow = (uint64_t(k) + 3) / 4;
  std::vector<int8_t> w(uint64_t(rows) * k);
  parallel_for(rows, [&](uint64_t r) {
    const uint8_t* p = packed.data() + r * prow;
    int8_t* o = w.data() + r * k;
    for (uint32_t x = 0; x < k; ++x) o[x] = value[(p[x >> 2] >> (2 * (x & 3))) & 3];
  });
  return w;
}

std::vector<int8_t> unpack_int4(const std::vector<uint8_t>& packed, uint32_t rows, uint32_t k) {
  const uint64_t prow = (uint64_t(k) + 1) / 2;
  std::vector<int8_t> w(uint64_t(rows) * k);
  parallel_for(rows, [&](uint64_t r) {
    const uint8_t* p = packed.data() + r * prow;
    int8_t* o = w.data() + r * k;
    for (uint32_t x = 0; x < k; ++x) {
      const int v = (p[x >> 1] >> (4 * (x & 1))) & 15;
      o[x] = static_cast<int8_t>(v >= 8 ? v - 16 : v);
    }
  });
  return w;
}

}  // namespace golden
