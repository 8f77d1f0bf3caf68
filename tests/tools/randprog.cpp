// Random RV32IM program generator for differential testing against qemu-riscv32.
// Usage: randprog SEED N_INSNS > prog.S   (opcode counts go to stderr as "count <mnemonic> <n>")
// The program sets every register to an edge-case value, runs N random instructions drawn from
// the encoding table (plain ones printed by tilesim's own disassembler, so GNU as re-encodes
// them), then writes x1..x31 and its 4 KiB data buffer to stdout in binary and exits.
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>

#include "isa/isa.h"

using isa::Fmt;
using isa::Op;

namespace {
constexpr unsigned kBaseReg = 27;  // s11 holds the data buffer's middle; never written

std::mt19937 rng;
unsigned pick(unsigned n) { return std::uniform_int_distribution<unsigned>(0, n - 1)(rng); }
uint32_t edge_value() {
  static const uint32_t edges[] = {0, 1, 2, 0xffffffffu, 0x80000000u, 0x7fffffffu, 31, 32, 0xfffffffeu, 0x8000u, 0xffff8000u, 0x7f, 0x80};
  return pick(3) == 0 ? static_cast<uint32_t>(rng()) : edges[pick(sizeof edges / sizeof edges[0])];
}
unsigned any_reg() { return pick(32); }
unsigned dest_reg() {
  unsigned r;
  do r = pick(32); while (r == kBaseReg);
  return r;
}
int32_t simm(int bits) { return int32_t(uint32_t(rng()) << (32 - bits)) >> (32 - bits); }
/// A 12-bit immediate, half the time one that equals a common register edge value.
int32_t imm12() {
  static const int32_t edges[] = {0, 1, -1, 2, -2, 31, 32, 0x7f, 0x80, 0x7ff, -2048};
  return pick(2) ? simm(12) : edges[pick(sizeof edges / sizeof edges[0])];
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: randprog SEED N\n");
    return 64;
  }
  rng.seed(static_cast<unsigned>(std::strtoul(argv[1], nullptr, 0)));
  const int n = std::atoi(argv[2]);
  std::map<std::string, int> counts;

  // Instructions the generator may emit as plain text (no control flow, no system/CSR ops).
  std::vector<Op> plain, branches, loads, stores;
  for (auto* r = isa::rows_begin(); r != isa::rows_end(); ++r) {
    if (isa::is_tile(r->cls)) continue;  // qemu knows nothing of Xtile
    switch (r->fmt) {
      case Fmt::R: case Fmt::I: case Fmt::Shift: case Fmt::U: plain.push_back(r->op); break;
      case Fmt::B: branches.push_back(r->op); break;
      case Fmt::Load: loads.push_back(r->op); break;
      case Fmt::S: stores.push_back(r->op); break;
      default: break;
    }
  }

  std::printf("  .section .text.init, \"ax\"\n  .globl _start\n_start:\n");
  std::printf("  la s11, buffer + 2048\n");
  for (unsigned r = 1; r < 32; ++r)
    if (r != kBaseReg) std::printf("  li %s, %d\n", isa::reg_name(r), static_cast<int32_t>(edge_value()));

  int label = 0;
  std::vector<int> pending;  // labels to place after k more instructions: (countdown, id)
  std::vector<std::pair<int, int>> due;
  for (int i = 0; i < n; ++i) {
    // Place forward labels whose countdown expired.
    for (auto it = due.begin(); it != due.end();) {
      if (--it->first < 0) {
        std::printf("L%d:\n", it->second);
        it = due.erase(it);
      } else {
        ++it;
      }
    }
    const unsigned kind = pick(20);
    isa::Decoded d;
    if (kind < 12) {
      d.op = plain[pick(plain.size())];
      d.rd = uint8_t(dest_reg());
      d.rs1 = uint8_t(any_reg());
      d.rs2 = uint8_t(any_reg());
      const Fmt f = isa::row(d.op).fmt;
      if (f == Fmt::I) d.imm = imm12();
      if (f == Fmt::Shift) d.imm = int32_t(pick(32));
      if (f == Fmt::U) d.imm = int32_t(rng() & 0xfffff000u);
      std::printf("  %s\n", isa::disassemble(isa::encode(d), 0).c_str());
    } else if (kind < 14) {
      d.op = loads[pick(loads.size())];
      d.rd = uint8_t(dest_reg());
      d.rs1 = kBaseReg;
      d.imm = simm(12);
      std::printf("  %s\n", isa::disassemble(isa::encode(d), 0).c_str());
    } else if (kind < 16) {
      d.op = stores[pick(stores.size())];
      d.rs1 = kBaseReg;
      d.rs2 = uint8_t(any_reg());
      d.imm = simm(12);
      std::printf("  %s\n", isa::disassemble(isa::encode(d), 0).c_str());
    } else if (kind < 18) {
      d.op = branches[pick(branches.size())];
      const int id = label++;
      std::printf("  %s %s, %s, L%d\n", isa::row(d.op).mnemonic, isa::reg_name(any_reg()), isa::reg_name(any_reg()), id);
      due.push_back({static_cast<int>(pick(4)), id});
    } else if (kind < 19) {
      d.op = Op::JAL;
      const int id = label++;
      std::printf("  jal %s, L%d\n", isa::reg_name(dest_reg()), id);
      due.push_back({static_cast<int>(pick(4)), id});
    } else {
      d.op = Op::JALR;  // auipc t, 0; jalr rd, 12(t); <skipped>; target
      unsigned t;
      do t = dest_reg(); while (t == 0);
      std::printf("  auipc %s, 0\n  jalr %s, 12(%s)\n  addi %s, %s, 1\n", isa::reg_name(t), isa::reg_name(dest_reg()),
                  isa::reg_name(t), isa::reg_name(t), isa::reg_name(t));
      ++counts["auipc"];
    }
    ++counts[isa::row(d.op).mnemonic];
  }
  for (auto& [cnt, id] : due) std::printf("L%d:\n", id);

  // Dump x1..x31 and the buffer, then exit(0).
  std::printf("  la s11, regs\n");
  for (unsigned r = 1; r < 32; ++r)
    if (r != kBaseReg) std::printf("  sw %s, %u(s11)\n", isa::reg_name(r), 4 * r);
  std::printf("  li a0, 1\n  la a1, regs\n  li a2, %d\n  li a7, 64\n  ecall\n", 128 + 4096);
  std::printf("  li a0, 0\n  li a7, 93\n  ecall\n");
  std::printf("  .data\n  .balign 16\nregs:\n  .space 128\nbuffer:\n");
  for (int i = 0; i < 1024; ++i) std::printf("  .word 0x%08x\n", static_cast<uint32_t>(rng()));
  std::printf("  .space 16\n");
  for (const auto& [name, c] : counts) std::fprintf(stderr, "count %s %d\n", name.c_str(), c);
  return 0;
}
