#pragma once
// One pre-decoded instruction in the hart's decode cache (private to sim/core).
#include <cstdint>

#include "sim/core/hart.h"

namespace core {

struct Hart::Slot {
  uint8_t op;         ///< isa::Op value; 0 = not decoded yet; kIllegal = no row matched
  uint8_t rd;         ///< destination; 32 (the sink) when the instruction writes x0
  uint8_t rs1, rs2;   ///< source registers, 0 when the format has none
  uint8_t rs1_field;  ///< raw rs1 field (CSR uimm / "writes?" test)
  int32_t imm;        ///< immediate (CSR number for CSR ops)
  uint32_t raw;       ///< the instruction word (mtval of an illegal instruction)
};

constexpr uint8_t kIllegal = static_cast<uint8_t>(isa::Op::Count);
/// The Xtile rows come last in the table, so "is a tile op" is one comparison.
constexpr uint8_t kFirstTileOp = static_cast<uint8_t>(isa::Op::XT_MMA_SS);

}  // namespace core
