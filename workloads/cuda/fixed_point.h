#pragma once
// The integer steps of the workloads as the golden models define them (workloads/host/golden/),
// written once for the CUDA kernels and the host: tests/unit/test_cuda_host.cpp holds each to its
// golden twin. Integer only: no float anywhere, so GPU and simulator agree bit for bit.
#include <array>
#include <cmath>
#include <cstdint>

#include "workloads/cuda/hd.h"

namespace tsgpu {

/// Two's complement wrap-around add (the MMA accumulators' semantics).
TS_HD int32_t wrap_add(int32_t a, int32_t b) { return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b)); }

/// Value of code k (0..3) of a packed ternary byte: 2-bit two's complement, the invalid code 2 is 0.
TS_HD int ternary_value(uint8_t byte, unsigned k) {
  const unsigned c = (byte >> (2 * (k & 3u))) & 3u;
  return c == 1 ? 1 : c == 3 ? -1 : 0;
}

/// Four ternary codes of one byte as four int8 lanes of a 32-bit word (low code in the low byte):
/// what the kernels feed the int8 tensor cores after unpacking in registers.
TS_HD uint32_t ternary_unpack4(uint8_t byte) {
  uint32_t w = 0;
  for (unsigned k = 0; k < 4; ++k) w |= static_cast<uint32_t>(static_cast<uint8_t>(static_cast<int8_t>(ternary_value(byte, k)))) << (8 * k);
  return w;
}

/// Element x of a row of int4 packed two per byte, low nibble first.
TS_HD int int4_value(const uint8_t* row, uint32_t x) {
  const int v = (row[x / 2] >> (4 * (x % 2))) & 15;
  return v >= 8 ? v - 16 : v;
}

/// sat_int8(round_half_away(x * scale / 2^shift)), shift 0..62 (golden::requant).
TS_HD int8_t requant(int32_t x, int32_t scale, uint32_t shift) {
  const int64_t p = static_cast<int64_t>(x) * scale;
  int64_t q = p;
  if (shift != 0) {
    const int64_t mag = p < 0 ? -p : p;
    q = (mag + (int64_t(1) << (shift - 1))) >> shift;
    if (p < 0) q = -q;
  }
  return static_cast<int8_t>(q < -128 ? -128 : q > 127 ? 127 : q);
}

/// int64 -> int32 clamping (the golden models' sat32) and wrapping (wrap32).
TS_HD int32_t sat32(int64_t v) { return static_cast<int32_t>(v < INT32_MIN ? INT32_MIN : v > INT32_MAX ? INT32_MAX : v); }
TS_HD int32_t wrap32(int64_t v) { return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(v))); }
/// Q16 and Q12 products, rounded half up, saturated (attention's mulq16, BitNet's mulq12).
TS_HD int32_t mulq16(int32_t a, int32_t b) { return sat32((static_cast<int64_t>(a) * b + 32768) >> 16); }
TS_HD int32_t mulq12(int32_t a, int32_t b) { return sat32((static_cast<int64_t>(a) * b + 2048) >> 12); }
/// v / 2^s rounded half away from zero, s >= 1.
TS_HD int64_t round_away(int64_t v, unsigned s) {
  const int64_t mag = v < 0 ? -v : v;
  const int64_t q = (mag + (int64_t(1) << (s - 1))) >> s;
  return v < 0 ? -q : q;
}

/// xt.exp2's table (sim/xtile/ops/exp2.cpp): lut[i] = round(2^30 x 2^(-i/256)), i = 0..256. Made
/// on the host with the same expression as the golden models and copied to the device.
constexpr int kExp2Entries = 257;
inline std::array<int64_t, kExp2Entries> exp2_table() {
  std::array<int64_t, kExp2Entries> t{};
  for (int i = 0; i < kExp2Entries; ++i) t[i] = std::llround(std::ldexp(std::exp2(-i / 256.0), 30));
  return t;
}
/// 2^(x / 2^16) in Q16 (x <= 0; 1.0 for x >= 0): the table with linear interpolation, rounded
/// half up (xt.exp2 with 16 fraction bits).
TS_HD int32_t exp2_q16(int32_t x, const int64_t* lut) {
  if (x >= 0) return 1 << 16;
  const uint64_t mag = uint64_t(-int64_t(x)), n = mag >> 16, f = mag & 0xffff;
  const uint64_t idx = f >> 8, rem = f & 0xff;
  const int64_t v = lut[idx] - (((lut[idx] - lut[idx + 1]) * int64_t(rem) + 128) >> 8);
  const uint64_t shift = 14 + n;
  if (shift >= 62) return 0;
  return static_cast<int32_t>((v + (int64_t(1) << (shift - 1))) >> shift);
}

}  // namespace tsgpu
