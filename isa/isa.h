#pragma once
// Instruction set of tilesim: opcodes, decoded form, encode/decode/disassemble.
// Everything here is expanded from isa/rv32.def and isa/csr.def; nothing is retyped.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace isa {

/// Operand layout of an instruction row.
enum class Fmt : uint8_t {
  R,      ///< rd, rs1, rs2
  I,      ///< rd, rs1, imm12 (sign-extended)
  Shift,  ///< rd, rs1, shamt (5 bits)
  Load,   ///< rd, imm12(rs1)
  S,      ///< rs2, imm12(rs1)
  B,      ///< rs1, rs2, pc-relative 13-bit offset
  U,      ///< rd, imm20 (stored as imm << 12)
  J,      ///< rd, pc-relative 21-bit offset
  Jalr,   ///< rd, imm12(rs1)
  Csr,    ///< rd, csr, rs1
  CsrI,   ///< rd, csr, uimm5 (in the rs1 field)
  Fence,  ///< pred, succ (imm holds bits 31:20)
  None,   ///< no operands
  Amo,    ///< rd, rs2, (rs1); imm = aq << 1 | rl
  Lr,     ///< rd, (rs1); imm = aq << 1 | rl
  // Xtile formats: T = tile number field, X = general register.
  TTT,    ///< td, ta, tb
  TT,     ///< td, ta (rs2 field zero)
  TTX,    ///< td, ta, rs2
  TX,     ///< td, rs1 (rs2 field zero)
  TLd,    ///< td, (rs1), rs2   tile load: address, row stride
  TSt,    ///< ts, (rs1), rs2   tile store (ts in the rd field)
  R4,     ///< rd, rs1, rs2, rs3 (rs3 in bits 31:27)
  XX,     ///< rd, rs1 (rs2 field zero)
  XWait,  ///< rs1, rs2 (rd field zero)
};

/// Timing class: the core's pipeline model charges latency per class.
enum class Cls : uint8_t { Alu, Branch, Jump, Load, Store, Mul, Div, Csr, System, Amo,
                          TileMac, TileVec, TileMem, TileDma, TileSync, TileBlk };

/// True for the Xtile classes (instructions executed by the tile unit).
constexpr bool is_tile(Cls c) { return c >= Cls::TileMac; }

/// Opcode ids, one per row of rv32.def. Invalid = no row matched.
enum class Op : uint8_t {
  Invalid = 0,
#define INSN(id, mn, match, mask, fmt, cls) id,
#include "isa/rv32.def"
#undef INSN
  Count
};

struct InsnRow {
  Op op;
  const char* mnemonic;
  uint32_t match;
  uint32_t mask;
  Fmt fmt;
  Cls cls;
};

/// THE table: one row per instruction (index = Op value - 1).
inline constexpr InsnRow kRows[] = {
#define INSN(id, mn, match, mask, fmt, cls) {Op::id, mn, match, mask, Fmt::fmt, Cls::cls},
#include "isa/rv32.def"
#undef INSN
};
const InsnRow* rows_begin();
const InsnRow* rows_end();
constexpr const InsnRow& row(Op op) { return kRows[static_cast<int>(op) - 1]; }
constexpr int kNumOps = static_cast<int>(Op::Count) - 1;

/// Fields of an instruction word after decoding. imm is already sign-extended and scaled
/// (B/J: byte offset; U: value << 12; Csr/CsrI: csr number in `csr`, uimm in rs1).
struct Decoded {
  Op op = Op::Invalid;
  uint8_t rd = 0, rs1 = 0, rs2 = 0, rs3 = 0;
  int32_t imm = 0;
  uint16_t csr = 0;
};

/// Decode a 32-bit instruction word; op == Op::Invalid if no row matches.
Decoded decode(uint32_t word);

/// Build the instruction word for op with the given fields (inverse of decode).
uint32_t encode(const Decoded& d);

/// Text in GNU assembler syntax with ABI register names. pc is used for branch/jump targets.
std::string disassemble(uint32_t word, uint32_t pc);

/// ABI register name ("zero", "ra", "sp", ..., "t6").
const char* reg_name(unsigned r);

/// Markdown table of every row (docs/isa-table.md is this text; a test keeps them equal).
std::string table_markdown();

/// CSR name for a CSR number, or nullopt if tilesim has no such CSR (hpm counters included).
std::optional<std::string> csr_name(uint16_t csr);

}  // namespace isa
