#pragma once
// Seeded workload inputs, fast: a counter-based generator (SplitMix64 of seed, stream and
// position), so element i of a tensor depends on nothing but (seed, stream, i) — not on the
// order of generation, the thread count or the other tensors — and filling runs on all host
// cores. Normal values come from a 2^16-entry inverse-CDF table of the rounded, clamped
// distribution (tails below 2^-16 probability are cut: sigma x 4.3).
#include <cstdint>

namespace wl {

/// n int8 values ~ round(N(0, sigma)) clamped to [lo, hi].
void fill_normal_i8(int8_t* out, uint64_t n, double sigma, int lo, int hi, uint64_t seed, uint64_t stream);
/// n int32 values ~ round(N(0, sigma)).
void fill_normal_i32(int32_t* out, uint64_t n, double sigma, uint64_t seed, uint64_t stream);
/// rows x k ternary weights packed 4 per byte (rows of ceil(k/4) bytes, codes past k zero):
/// -1 and +1 with probability 1/4 each, 0 with 1/2 (absmean-quantized weights look like this).
void fill_ternary(uint8_t* out, uint32_t rows, uint32_t k, uint64_t seed, uint64_t stream);
/// rows x k int4 values ~ round(N(0, sigma)) clamped to -8..7, packed two per byte (rows of
/// ceil(k/2) bytes, element x in byte x/2, low nibble first; the nibble past an odd k is zero).
void fill_int4(uint8_t* out, uint32_t rows, uint32_t k, double sigma, uint64_t seed, uint64_t stream);

}  // namespace wl
