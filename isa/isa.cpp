#include "isa/isa.h"

#include <array>
#include <cstdio>
#include <vector>

namespace isa {
namespace {

static_assert(sizeof(kRows) / sizeof(kRows[0]) == kNumOps, "table and enum out of step");

/// Rows bucketed by major opcode (bits 6:0) so decode scans only a handful of rows.
struct Buckets {
  std::array<std::vector<const InsnRow*>, 128> by_opcode;
  Buckets() {
    for (const auto& r : kRows) {
      // Every row's mask covers the full major opcode, so a row lives in exactly one bucket.
      by_opcode[r.match & 0x7f].push_back(&r);
    }
  }
};
const Buckets& buckets() {
  static const Buckets b;
  return b;
}

int32_t sext(uint32_t v, int bits) {
  const uint32_t m = 1u << (bits - 1);
  return static_cast<int32_t>((v ^ m) - m);
}

}  // namespace

const InsnRow* rows_begin() { return kRows; }
const InsnRow* rows_end() { return kRows + kNumOps; }

Decoded decode(uint32_t w) {
  Decoded d;
  const InsnRow* hit = nullptr;
  for (const InsnRow* r : buckets().by_opcode[w & 0x7f]) {
    if ((w & r->mask) == r->match) {
      hit = r;
      break;
    }
  }
  if (!hit) return d;
  d.op = hit->op;
  const uint8_t rd = (w >> 7) & 31, rs1 = (w >> 15) & 31, rs2 = (w >> 20) & 31;
  switch (hit->fmt) {
    case Fmt::R: d.rd = rd; d.rs1 = rs1; d.rs2 = rs2; break;
    case Fmt::I:
    case Fmt::Load:
    case Fmt::Jalr: d.rd = rd; d.rs1 = rs1; d.imm = sext(w >> 20, 12); break;
    case Fmt::Shift: d.rd = rd; d.rs1 = rs1; d.imm = rs2; break;
    case Fmt::S:
      d.rs1 = rs1; d.rs2 = rs2;
      d.imm = sext(((w >> 25) << 5) | ((w >> 7) & 31), 12);
      break;
    case Fmt::B:
      d.rs1 = rs1; d.rs2 = rs2;
      d.imm = sext(((w >> 31) << 12) | (((w >> 7) & 1) << 11) | (((w >> 25) & 63) << 5) |
                       (((w >> 8) & 15) << 1),
                   13);
      break;
    case Fmt::U: d.rd = rd; d.imm = static_cast<int32_t>(w & 0xfffff000u); break;
    case Fmt::J:
      d.rd = rd;
      d.imm = sext(((w >> 31) << 20) | (((w >> 12) & 255) << 12) | (((w >> 20) & 1) << 11) |
                       (((w >> 21) & 1023) << 1),
                   21);
      break;
    case Fmt::Csr:
    case Fmt::CsrI: d.rd = rd; d.rs1 = rs1; d.csr = static_cast<uint16_t>(w >> 20); break;
    case Fmt::Fence: d.imm = static_cast<int32_t>(w >> 20); break;
    case Fmt::None: break;
    case Fmt::Amo: d.rd = rd; d.rs1 = rs1; d.rs2 = rs2; d.imm = static_cast<int32_t>((w >> 25) & 3); break;
    case Fmt::Lr: d.rd = rd; d.rs1 = rs1; d.imm = static_cast<int32_t>((w >> 25) & 3); break;
    case Fmt::TTT: case Fmt::TTX: case Fmt::TLd: case Fmt::TSt: d.rd = rd; d.rs1 = rs1; d.rs2 = rs2; break;
    case Fmt::TT: case Fmt::TX: case Fmt::XX: d.rd = rd; d.rs1 = rs1; break;
    case Fmt::XWait: d.rs1 = rs1; d.rs2 = rs2; break;
    case Fmt::R4: d.rd = rd; d.rs1 = rs1; d.rs2 = rs2; d.rs3 = static_cast<uint8_t>(w >> 27); break;
  }
  return d;
}

uint32_t encode(const Decoded& d) {
  const InsnRow& r = row(d.op);
  uint32_t w = r.match;
  const uint32_t imm = static_cast<uint32_t>(d.imm);
  auto rd = [&] { w |= uint32_t(d.rd & 31) << 7; };
  auto rs1 = [&] { w |= uint32_t(d.rs1 & 31) << 15; };
  auto rs2 = [&] { w |= uint32_t(d.rs2 & 31) << 20; };
  switch (r.fmt) {
    case Fmt::R: rd(); rs1(); rs2(); break;
    case Fmt::I:
    case Fmt::Load:
    case Fmt::Jalr: rd(); rs1(); w |= (imm & 0xfff) << 20; break;
    case Fmt::Shift: rd(); rs1(); w |= (imm & 31) << 20; break;
    case Fmt::S: rs1(); rs2(); w |= ((imm >> 5) & 127) << 25 | (imm & 31) << 7; break;
    case Fmt::B:
      rs1(); rs2();
      w |= ((imm >> 12) & 1) << 31 | ((imm >> 5) & 63) << 25 | ((imm >> 1) & 15) << 8 |
           ((imm >> 11) & 1) << 7;
      break;
    case Fmt::U: rd(); w |= imm & 0xfffff000u; break;
    case Fmt::J:
      rd();
      w |= ((imm >> 20) & 1) << 31 | ((imm >> 1) & 1023) << 21 | ((imm >> 11) & 1) << 20 |
           ((imm >> 12) & 255) << 12;
      break;
    case Fmt::Csr:
    case Fmt::CsrI: rd(); rs1(); w |= uint32_t(d.csr & 0xfff) << 20; break;
    case Fmt::Fence: w |= (imm & 0xfff) << 20; break;
    case Fmt::None: break;
    case Fmt::Amo: rd(); rs1(); rs2(); w |= (imm & 3) << 25; break;
    case Fmt::Lr: rd(); rs1(); w |= (imm & 3) << 25; break;
    case Fmt::TTT: case Fmt::TTX: case Fmt::TLd: case Fmt::TSt: rd(); rs1(); rs2(); break;
    case Fmt::TT: case Fmt::TX: case Fmt::XX: rd(); rs1(); break;
    case Fmt::XWait: rs1(); rs2(); break;
    case Fmt::R4: rd(); rs1(); rs2(); w |= uint32_t(d.rs3 & 31) << 27; break;
  }
  return w;
}

namespace {
const char* fmt_operands(Fmt f) {
  switch (f) {
    case Fmt::R: return "rd, rs1, rs2";
    case Fmt::I: return "rd, rs1, imm12";
    case Fmt::Shift: return "rd, rs1, shamt";
    case Fmt::Load: return "rd, imm12(rs1)";
    case Fmt::S: return "rs2, imm12(rs1)";
    case Fmt::B: return "rs1, rs2, offset13";
    case Fmt::U: return "rd, imm20";
    case Fmt::J: return "rd, offset21";
    case Fmt::Jalr: return "rd, imm12(rs1)";
    case Fmt::Csr: return "rd, csr, rs1";
    case Fmt::CsrI: return "rd, csr, uimm5";
    case Fmt::Fence: return "pred, succ";
    case Fmt::None: return "";
    case Fmt::Amo: return "rd, rs2, (rs1)";
    case Fmt::Lr: return "rd, (rs1)";
    case Fmt::TTT: return "td, ta, tb";
    case Fmt::TT: return "td, ta";
    case Fmt::TTX: return "td, ta, rs2";
    case Fmt::TX: return "td, rs1";
    case Fmt::TLd: return "td, (rs1), rs2";
    case Fmt::TSt: return "ts, (rs1), rs2";
    case Fmt::R4: return "rd, rs1, rs2, rs3";
    case Fmt::XX: return "rd, rs1";
    case Fmt::XWait: return "rs1, rs2";
  }
  return "?";
}
const char* cls_name(Cls c) {
  switch (c) {
    case Cls::Alu: return "alu";
    case Cls::Branch: return "branch";
    case Cls::Jump: return "jump";
    case Cls::Load: return "load";
    case Cls::Store: return "store";
    case Cls::Mul: return "mul";
    case Cls::Div: return "div";
    case Cls::Csr: return "csr";
    case Cls::System: return "system";
    case Cls::Amo: return "atomic";
    case Cls::TileMac: return "tile: MAC";
    case Cls::TileVec: return "tile: vector";
    case Cls::TileMem: return "tile: load/store";
    case Cls::TileDma: return "tile: DMA";
    case Cls::TileSync: return "tile: sync";
    case Cls::TileBlk: return "tile: block MMA";
  }
  return "?";
}
}  // namespace

std::string table_markdown() {
  std::string s =
      "# Encoding table\n\nGenerated by `tilesim isa` from `isa/rv32.def` and `isa/xtile.def`; a test fails if this\n"
      "file and the table disagree. A word is the instruction when `word & mask == match`.\n\n"
      "| mnemonic | operands | match | mask | class |\n|---|---|---|---|---|\n";
  char buf[160];
  for (const InsnRow* r = rows_begin(); r != rows_end(); ++r) {
    std::snprintf(buf, sizeof buf, "| `%s` | %s | `0x%08x` | `0x%08x` | %s |\n", r->mnemonic, fmt_operands(r->fmt), r->match,
                  r->mask, cls_name(r->cls));
    s += buf;
  }
  return s;
}

const char* reg_name(unsigned r) {
  static const char* const kNames[32] = {
      "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0",  "a1",  "a2", "a3", "a4", "a5",
      "a6",   "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
  return kNames[r & 31];
}

std::optional<std::string> csr_name(uint16_t csr) {
  switch (csr) {
#define CSR(id, name, num) \
  case num: return std::string(name);
#include "isa/csr.def"
#undef CSR
    default: break;
  }
  char buf[24];
  if (csr >= 0xB03 && csr <= 0xB1F) { std::snprintf(buf, sizeof buf, "mhpmcounter%d", csr - 0xB00); return std::string(buf); }
  if (csr >= 0xB83 && csr <= 0xB9F) { std::snprintf(buf, sizeof buf, "mhpmcounter%dh", csr - 0xB80); return std::string(buf); }
  if (csr >= 0x323 && csr <= 0x33F) { std::snprintf(buf, sizeof buf, "mhpmevent%d", csr - 0x320); return std::string(buf); }
  if (csr >= 0x3A0 && csr <= 0x3AF) { std::snprintf(buf, sizeof buf, "pmpcfg%d", csr - 0x3A0); return std::string(buf); }
  if (csr >= 0x3B0 && csr <= 0x3EF) { std::snprintf(buf, sizeof buf, "pmpaddr%d", csr - 0x3B0); return std::string(buf); }
  if (csr >= 0xC03 && csr <= 0xC1F) { std::snprintf(buf, sizeof buf, "hpmcounter%d", csr - 0xC00); return std::string(buf); }
  if (csr >= 0xC83 && csr <= 0xC9F) { std::snprintf(buf, sizeof buf, "hpmcounter%dh", csr - 0xC80); return std::string(buf); }
  return std::nullopt;
}

namespace {
std::string fence_set(unsigned bits) {
  std::string s;
  if (bits & 8) s += 'i';
  if (bits & 4) s += 'o';
  if (bits & 2) s += 'r';
  if (bits & 1) s += 'w';
  return s.empty() ? "0" : s;
}
}  // namespace

std::string disassemble(uint32_t word, uint32_t pc) {
  const Decoded d = decode(word);
  char buf[96];
  if (d.op == Op::Invalid) {
    std::snprintf(buf, sizeof buf, ".word 0x%08x", word);
    return buf;
  }
  const InsnRow& r = row(d.op);
  const char* mn = r.mnemonic;
  auto R = reg_name;
  switch (r.fmt) {
    case Fmt::R: std::snprintf(buf, sizeof buf, "%s %s, %s, %s", mn, R(d.rd), R(d.rs1), R(d.rs2)); break;
    case Fmt::I:
    case Fmt::Shift: std::snprintf(buf, sizeof buf, "%s %s, %s, %d", mn, R(d.rd), R(d.rs1), d.imm); break;
    case Fmt::Load:
    case Fmt::Jalr: std::snprintf(buf, sizeof buf, "%s %s, %d(%s)", mn, R(d.rd), d.imm, R(d.rs1)); break;
    case Fmt::S: std::snprintf(buf, sizeof buf, "%s %s, %d(%s)", mn, R(d.rs2), d.imm, R(d.rs1)); break;
    case Fmt::B:
      std::snprintf(buf, sizeof buf, "%s %s, %s, 0x%x", mn, R(d.rs1), R(d.rs2), pc + static_cast<uint32_t>(d.imm));
      break;
    case Fmt::U: std::snprintf(buf, sizeof buf, "%s %s, 0x%x", mn, R(d.rd), static_cast<uint32_t>(d.imm) >> 12); break;
    case Fmt::J: std::snprintf(buf, sizeof buf, "%s %s, 0x%x", mn, R(d.rd), pc + static_cast<uint32_t>(d.imm)); break;
    case Fmt::Csr:
    case Fmt::CsrI: {
      const auto name = csr_name(d.csr);
      char csrbuf[16];
      if (!name) std::snprintf(csrbuf, sizeof csrbuf, "0x%03x", d.csr);
      const char* c = name ? name->c_str() : csrbuf;
      if (r.fmt == Fmt::Csr)
        std::snprintf(buf, sizeof buf, "%s %s, %s, %s", mn, R(d.rd), c, R(d.rs1));
      else
        std::snprintf(buf, sizeof buf, "%s %s, %s, %u", mn, R(d.rd), c, d.rs1);
      break;
    }
    case Fmt::Fence: {
      const unsigned f = static_cast<unsigned>(d.imm);
      if ((f >> 8) == 8 && (f & 0xff) == 0x33)
        std::snprintf(buf, sizeof buf, "fence.tso");
      else
        std::snprintf(buf, sizeof buf, "%s %s, %s", mn, fence_set((f >> 4) & 15).c_str(), fence_set(f & 15).c_str());
      break;
    }
    case Fmt::None: std::snprintf(buf, sizeof buf, "%s", mn); break;
    case Fmt::Amo:
    case Fmt::Lr: {
      static const char* const kOrder[4] = {"", ".rl", ".aq", ".aqrl"};
      if (r.fmt == Fmt::Lr)
        std::snprintf(buf, sizeof buf, "%s%s %s, (%s)", mn, kOrder[d.imm & 3], R(d.rd), R(d.rs1));
      else
        std::snprintf(buf, sizeof buf, "%s%s %s, %s, (%s)", mn, kOrder[d.imm & 3], R(d.rd), R(d.rs2), R(d.rs1));
      break;
    }
    case Fmt::TTT: std::snprintf(buf, sizeof buf, "%s tr%u, tr%u, tr%u", mn, d.rd, d.rs1, d.rs2); break;
    case Fmt::TT: std::snprintf(buf, sizeof buf, "%s tr%u, tr%u", mn, d.rd, d.rs1); break;
    case Fmt::TTX: std::snprintf(buf, sizeof buf, "%s tr%u, tr%u, %s", mn, d.rd, d.rs1, R(d.rs2)); break;
    case Fmt::TX: std::snprintf(buf, sizeof buf, "%s tr%u, %s", mn, d.rd, R(d.rs1)); break;
    case Fmt::TLd:
    case Fmt::TSt: std::snprintf(buf, sizeof buf, "%s tr%u, (%s), %s", mn, d.rd, R(d.rs1), R(d.rs2)); break;
    case Fmt::R4: std::snprintf(buf, sizeof buf, "%s %s, %s, %s, %s", mn, R(d.rd), R(d.rs1), R(d.rs2), R(d.rs3)); break;
    case Fmt::XX: std::snprintf(buf, sizeof buf, "%s %s, %s", mn, R(d.rd), R(d.rs1)); break;
    case Fmt::XWait: std::snprintf(buf, sizeof buf, "%s %s, %s", mn, R(d.rs1), R(d.rs2)); break;
  }
  return buf;
}

}  // namespace isa
