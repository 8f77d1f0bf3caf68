#pragma once
// The hart's view of the tile unit: every Xtile instruction is handed over with its general-
// register operands and the core cycle of issue; the answer says when the core may go on.
#include <cstdint>
#include <string>

#include "isa/isa.h"

namespace core {

/// One Xtile instruction as issued by the core.
struct XtInsn {
  isa::Op op = isa::Op::Invalid;
  uint32_t raw = 0;       ///< instruction word
  uint32_t pc = 0;
  uint8_t rd = 0, rs1 = 0, rs2 = 0, rs3 = 0;  ///< raw fields (tile numbers or register numbers)
  uint32_t rs1_val = 0, rs2_val = 0, rs3_val = 0;  ///< values of the general registers rs1, rs2, rs3
  uint64_t cycle = 0;     ///< core cycle at which the instruction issues
};

struct XtResult {
  uint32_t rd_value = 0;     ///< written to rd when the format has a general-register rd
  uint64_t resume_cycle = 0; ///< core may issue its next instruction at this cycle (>= issue)
  bool fault = false;        ///< guest fault: the run stops with `message`
  const char* message = ""; ///< owned by the coprocessor, valid until its next instruction
};

class Coprocessor {
 public:
  virtual ~Coprocessor() = default;
  /// Any Xtile instruction.
  virtual void execute(const XtInsn& in, XtResult& out) = 0;

  /// The hot classes, for a caller that knows the class (the core's opcode dispatch does), with
  /// just the operands they use and no result record: the cycle the core may resume (>= cycle),
  /// or kUseExecute when the instruction needs execute() - it faults, or this coprocessor has
  /// no fast path - and nothing has changed.
  static constexpr uint64_t kUseExecute = ~uint64_t(0);
  /// An MMA (isa::Cls::TileMac) on tiles rd += ra x rb.
  virtual uint64_t mma(isa::Op, unsigned /*rd*/, unsigned /*ra*/, unsigned /*rb*/, uint64_t /*cycle*/) { return kUseExecute; }
  /// A tile load or store (isa::Cls::TileMem) of tile rd at scratchpad address `addr` (rs1's
  /// value), row stride `stride` (rs2's).
  virtual uint64_t tile_mem(isa::Op, unsigned /*rd*/, uint32_t /*addr*/, uint32_t /*stride*/, uint64_t /*cycle*/) { return kUseExecute; }
};

/// Does an Xtile format write a general register rd?
inline bool xt_writes_rd(isa::Fmt f) { return f == isa::Fmt::R4 || f == isa::Fmt::XX || f == isa::Fmt::R; }

}  // namespace core
