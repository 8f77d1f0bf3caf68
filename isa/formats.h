#pragma once
// Number formats of the MAC arrays, expanded from isa/formats.def (one row per MMA opcode).
#include <cstdint>

#include "isa/isa.h"

namespace isa {

enum class Format : uint8_t {
#define FORMAT(id, op, name, ab, bb, as, bs, k, rate, key, mode, doc, rate_doc) id,
#include "isa/formats.def"
#undef FORMAT
  Count
};
constexpr int kNumFormats = static_cast<int>(Format::Count);

struct FormatRow {
  Format id;
  Op op;               ///< the MMA instruction of this format
  const char* name;    ///< short name (reports, --dtype)
  uint8_t a_bits, b_bits;
  bool a_signed, b_signed;
  uint32_t k;          ///< reduction depth of one MMA (16x16xk)
  uint32_t rate;       ///< default MACs per PE per cycle
  const char* rate_key;  ///< tile.mac key overriding `rate`, or nullptr
  uint32_t rtl_mode;   ///< mode input of rtl/tile_mac.sv
  const char* doc;
  const char* rate_doc;  ///< docs/config.md text of rate_key
  constexpr uint32_t macs() const { return 16u * 16u * k; }  ///< MACs of one MMA
};

inline constexpr FormatRow kFormats[] = {
#define FORMAT(id, op, name, ab, bb, as, bs, k, rate, key, mode, doc, rate_doc) \
  {Format::id, Op::op, name, ab, bb, as != 0, bs != 0, k, rate, key, mode, doc, rate_doc},
#include "isa/formats.def"
#undef FORMAT
};
constexpr const FormatRow& format(Format f) { return kFormats[static_cast<int>(f)]; }

/// The MMA opcodes are contiguous and in table order, so an opcode maps to its format by offset.
constexpr Op kFirstMma = kFormats[0].op;
constexpr bool formats_in_opcode_order() {
  for (int i = 0; i < kNumFormats; ++i)
    if (static_cast<int>(kFormats[i].op) != static_cast<int>(kFirstMma) + i) return false;
  return true;
}
static_assert(formats_in_opcode_order(), "isa/formats.def rows must follow the MMA opcodes of isa/xtile.def in order");
constexpr bool is_mma(Op op) {
  return static_cast<unsigned>(static_cast<int>(op) - static_cast<int>(kFirstMma)) < static_cast<unsigned>(kNumFormats);
}
/// The format of MMA opcode op (is_mma(op) must hold).
constexpr Format format_of(Op op) { return static_cast<Format>(static_cast<int>(op) - static_cast<int>(kFirstMma)); }
}  // namespace isa
