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
  uint32_t x1 = 0, x2 = 0, x3 = 0;           ///< values of the general registers rs1, rs2, rs3
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
  /// The same for a caller that already knows the instruction class (the core's opcode dispatch
  /// does): MMAs (isa::Cls::TileMac) and tile loads/stores (TileMem), the hot classes, skip a
  /// second dispatch on the class. By default they are execute().
  virtual void execute_mac(const XtInsn& in, XtResult& out) { execute(in, out); }
  virtual void execute_mem(const XtInsn& in, XtResult& out) { execute(in, out); }
};

/// Does an Xtile format write a general register rd?
inline bool xt_writes_rd(isa::Fmt f) { return f == isa::Fmt::R4 || f == isa::Fmt::XX || f == isa::Fmt::R; }

}  // namespace core
