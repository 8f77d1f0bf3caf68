#pragma once
// A tiny in-test assembler over isa::encode, so unit tests build programs from the same table.
#include <cstdint>
#include <vector>

#include "isa/isa.h"

namespace t {

using isa::Op;
inline uint32_t R(Op op, unsigned rd, unsigned rs1, unsigned rs2) {
  isa::Decoded d; d.op = op; d.rd = uint8_t(rd); d.rs1 = uint8_t(rs1); d.rs2 = uint8_t(rs2);
  return isa::encode(d);
}
/// I-type, loads, jalr, shifts (imm = shamt), stores (rs2 = value register via `rs2`), branches, jal.
inline uint32_t I(Op op, unsigned rd, unsigned rs1, int32_t imm) {
  isa::Decoded d; d.op = op; d.rd = uint8_t(rd); d.rs1 = uint8_t(rs1); d.imm = imm;
  return isa::encode(d);
}
inline uint32_t S(Op op, unsigned rs2, unsigned rs1, int32_t imm) {
  isa::Decoded d; d.op = op; d.rs1 = uint8_t(rs1); d.rs2 = uint8_t(rs2); d.imm = imm;
  return isa::encode(d);
}
inline uint32_t B(Op op, unsigned rs1, unsigned rs2, int32_t off) { return S(op, rs2, rs1, off); }
inline uint32_t U(Op op, unsigned rd, uint32_t value) { return I(op, rd, 0, int32_t(value & 0xfffff000u)); }
inline uint32_t J(unsigned rd, int32_t off) { return I(Op::JAL, rd, 0, off); }
inline uint32_t CSR(Op op, unsigned rd, uint16_t csr, unsigned rs1_or_uimm) {
  isa::Decoded d; d.op = op; d.rd = uint8_t(rd); d.rs1 = uint8_t(rs1_or_uimm); d.csr = csr;
  return isa::encode(d);
}
inline uint32_t SYS(Op op) { isa::Decoded d; d.op = op; return isa::encode(d); }

/// Appends `li rd, value` (lui + addi).
inline void li(std::vector<uint32_t>& p, unsigned rd, uint32_t v) {
  const uint32_t lo = v & 0xfff;
  const uint32_t hi = (v + (lo >= 0x800 ? 0x1000 : 0)) & 0xfffff000u;
  p.push_back(U(Op::LUI, rd, hi));
  p.push_back(I(Op::ADDI, rd, rd, int32_t(lo << 20) >> 20));
}
/// Appends exit(a0 as is): li a7, 93; ecall.
inline void exit_(std::vector<uint32_t>& p) {
  p.push_back(I(Op::ADDI, 17, 0, 93));
  p.push_back(SYS(Op::ECALL));
}

enum Reg : unsigned { zero = 0, ra, sp, gp, tp, t0, t1, t2, s0, s1, a0, a1, a2, a3, a4, a5, a6, a7 };

}  // namespace t
