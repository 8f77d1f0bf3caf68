#pragma once
// Tile registers and Xtile architectural state: THE golden model's data types.
#include <cstdint>
#include <cstring>

namespace xtile {

constexpr int kDim = 16;            ///< tiles are 16x16, fixed by the ISA
#define ABI_CONST(NAME, value, doc) constexpr int32_t kAbi_##NAME = value;
#include "isa/xtile_abi.def"
#undef ABI_CONST
constexpr int32_t kNegInf = kAbi_NEG_INF;  ///< "minus infinity" written by xt.mask (isa/xtile_abi.def)

/// One tile register: 1 KiB, read as the instruction says:
///   int8/uint8  [16][16] in bytes 0..255 (row r at 16*r),
///   int4        [16][32] in bytes 0..255 (row r at 16*r; element k in byte k/2, low nibble first),
///   int32       [16][16] in bytes 0..1023 (row r at 64*r),
///   ternary     [16][16] 2-bit codes in bytes 0..63 (row r at 4*r; element c in byte c/4,
///               bits 2*(c%4)+1..2*(c%4)); 2-bit two's complement: code 0 = 0, 1 = +1, 3 = -1, 2 = invalid
///               (acts as 0) - so zero-filled memory is a zero weight.
struct alignas(64) Tile {
  uint8_t b[1024];
  int8_t s8(int r, int c) const { return static_cast<int8_t>(b[r * kDim + c]); }
  uint8_t u8(int r, int c) const { return b[r * kDim + c]; }
  /// int4 view: [16][32] signed 4-bit, element k of row r in byte 16r + k/2, low nibble first.
  int s4(int r, int k) const {
    const uint8_t v = b[r * kDim + k / 2];
    return (k & 1) ? static_cast<int8_t>(v) >> 4 : static_cast<int8_t>(static_cast<uint8_t>(v << 4)) >> 4;
  }
  int32_t w(int r, int c) const {
    int32_t v;
    std::memcpy(&v, b + 4 * (r * kDim + c), 4);
    return v;
  }
  void set_w(int r, int c, int32_t v) { std::memcpy(b + 4 * (r * kDim + c), &v, 4); }
  void set_8(int r, int c, uint8_t v) { b[r * kDim + c] = v; }
  unsigned code(int r, int c) const { return (b[r * 4 + c / 4] >> (2 * (c % 4))) & 3u; }
  void set_code(int r, int c, unsigned code) {
    uint8_t& byte = b[r * 4 + c / 4];
    byte = static_cast<uint8_t>((byte & ~(3u << (2 * (c % 4)))) | ((code & 3u) << (2 * (c % 4))));
  }
  void clear() { std::memset(b, 0, sizeof b); }
  /// Zeroes the bytes beyond the int8 view (256..1023).
  void clear_upper() { std::memset(b + 256, 0, sizeof b - 256); }
};

/// Value of a ternary code: 0 -> 0, 1 -> +1, 3 -> -1, 2 (invalid) -> 0.
constexpr int ternary_value(unsigned code) { return code == 1 ? 1 : code == 3 ? -1 : 0; }
constexpr unsigned kTernaryInvalid = 2;

/// Fields of the Xtile config state, set with xt.cfg (id = rs1) and read with xt.cfgr, and the
/// read-only hardware description (xt.cfgr only, so one kernel binary adapts to the chip): ids
/// from isa/xtile_abi.def.
enum CfgField : uint32_t {
#define CFG_FIELD(id, NAME, member, lo, hi, def, doc) kCfg_##NAME = id,
#define INFO_FIELD(id, NAME, doc) kInfo_##NAME = id,
#include "isa/xtile_abi.def"
#undef CFG_FIELD
#undef INFO_FIELD
};
/// Rounding modes of xt.quant.
enum RoundMode : uint32_t {
#define ROUND_MODE(v, NAME, doc) kRound_##NAME = v,
#include "isa/xtile_abi.def"
#undef ROUND_MODE
};

struct XtConfigState {
#define CFG_FIELD(id, NAME, member, lo, hi, def, doc) uint32_t member = def;
#include "isa/xtile_abi.def"
#undef CFG_FIELD
  /// Writes field `id`; false if the id or value is out of range (the write is ignored).
  bool set(uint32_t id, uint32_t v);
  bool get(uint32_t id, uint32_t& v) const;
  /// "0 rows 1..16, 1 cols 1..16, ...": the fields and their ranges, for fault messages.
  static const char* ranges();
};

}  // namespace xtile
