// Machine and user CSRs of an M+U-mode RV32 hart (privileged spec 1.12).
#include "sim/core/hart.h"

namespace core {

using isa::Op;

namespace {
constexpr uint32_t kMisa = (1u << 30) | (1u << ('A' - 'A')) | (1u << ('I' - 'A')) | (1u << ('M' - 'A')) | (1u << ('U' - 'A'));
// mstatus bits that software can change: MIE, MPIE, MPP, MPRV, TW.
constexpr uint32_t kMstatusWritable = (1u << 3) | (1u << 7) | (3u << 11) | (1u << 17) | (1u << 21);
constexpr uint32_t kMieWritable = (1u << 3) | (1u << 7) | (1u << 11);  // MSIE, MTIE, MEIE
constexpr uint32_t kMcounterenWritable = ~2u;                           // no `time` CSR

/// CSRs that exist but are hardwired to zero: hpm counters and events, and the PMP CSRs of a
/// hart with zero PMP entries (priv spec: fields are WARL and may be read-only zero).
bool is_hpm_counter(uint16_t c);
bool is_zero_csr(uint16_t c) {
  return is_hpm_counter(c) || (c >= 0x323 && c <= 0x33F) || (c >= 0x3A0 && c <= 0x3EF);
}
bool is_hpm_counter(uint16_t c) {
  return (c >= 0xB03 && c <= 0xB1F) || (c >= 0xB83 && c <= 0xB9F) || (c >= 0xC03 && c <= 0xC1F) ||
         (c >= 0xC83 && c <= 0xC9F);
}
}  // namespace

bool Hart::csr_accessible(uint16_t csr, bool write) const {
  const unsigned min_priv = (csr >> 8) & 3;
  if (static_cast<unsigned>(priv_) < min_priv) return false;
  if (write && (csr >> 10) == 3) return false;  // read-only CSR space
  if (priv_ == Priv::User && csr >= 0xC00 && csr <= 0xC9F) {
    // User counter views are gated by mcounteren.
    if (!((mcounteren_ >> (csr & 31)) & 1)) return false;
  }
  return true;
}

bool Hart::csr_read(uint16_t csr, uint32_t& v) const {
  const uint64_t mcycle = cycle_ + static_cast<uint64_t>(cycle_offset_);
  switch (csr) {
    case 0xC00: case 0xB00: v = static_cast<uint32_t>(mcycle); return true;         // (m)cycle
    case 0xC80: case 0xB80: v = static_cast<uint32_t>(mcycle >> 32); return true;   // (m)cycleh
    case 0xC02: case 0xB02: v = static_cast<uint32_t>(instret_); return true;       // (m)instret
    case 0xC82: case 0xB82: v = static_cast<uint32_t>(instret_ >> 32); return true; // (m)instreth
    case 0xF11: case 0xF12: case 0xF13: case 0xF15: v = 0; return true;  // vendor, arch, impl ids, configptr
    case 0xF14: v = hart_id_; return true;                              // mhartid
    case 0x300: v = mstatus_; return true;
    case 0x301: v = kMisa; return true;
    case 0x304: v = mie_; return true;
    case 0x305: v = mtvec_; return true;
    case 0x306: v = mcounteren_; return true;
    case 0x310: v = 0; return true;  // mstatush: little-endian only
    case 0x340: v = mscratch_; return true;
    case 0x341: v = mepc_; return true;
    case 0x342: v = mcause_; return true;
    case 0x343: v = mtval_; return true;
    case 0x344: v = 0; return true;  // mip: no interrupt sources yet
    default: break;
  }
  if (is_zero_csr(csr)) { v = 0; return true; }
  return false;
}

bool Hart::csr_write(uint16_t csr, uint32_t v) {
  switch (csr) {
    case 0xB00:
    case 0xB80: {
      uint64_t cur = cycle_ + static_cast<uint64_t>(cycle_offset_);
      cur = csr == 0xB00 ? (cur & ~0xffffffffull) | v : (cur & 0xffffffffull) | (uint64_t(v) << 32);
      cycle_offset_ = static_cast<int64_t>(cur - cycle_);
      return true;
    }
    case 0xB02:
    case 0xB82: {
      // The write takes effect after this instruction retires: pre-compensate its increment.
      uint64_t cur = instret_;
      cur = csr == 0xB02 ? (cur & ~0xffffffffull) | v : (cur & 0xffffffffull) | (uint64_t(v) << 32);
      instret_ = cur - 1;
      return true;
    }
    case 0x300: {
      uint32_t st = (mstatus_ & ~kMstatusWritable) | (v & kMstatusWritable);
      if (((st >> 11) & 3) != 3) st &= ~(3u << 11);  // MPP is WARL: M or U only
      mstatus_ = st;
      return true;
    }
    case 0x301: return true;  // misa: writes ignored (fixed ISA)
    case 0x304: mie_ = v & kMieWritable; return true;
    case 0x305:
      if ((v & 3) < 2) mtvec_ = v;  // modes direct and vectored; reserved modes ignored
      return true;
    case 0x306: mcounteren_ = v & kMcounterenWritable; return true;
    case 0x310: return true;
    case 0x340: mscratch_ = v; return true;
    case 0x341: mepc_ = v & ~3u; return true;
    case 0x342: mcause_ = v; return true;
    case 0x343: mtval_ = v; return true;
    case 0x344: return true;  // mip bits are read-only without interrupt sources
    default: break;
  }
  if (is_zero_csr(csr)) return true;
  return false;
}

bool Hart::csr_op(Op op, uint16_t csr, uint32_t src, bool do_write, unsigned rd) {
  if (!csr_accessible(csr, do_write)) return false;
  uint32_t old = 0;
  if (!csr_read(csr, old)) return false;
  if (do_write) {
    uint32_t nv = src;
    if (op == Op::CSRRS || op == Op::CSRRSI) nv = old | src;
    if (op == Op::CSRRC || op == Op::CSRRCI) nv = old & ~src;
    if (!csr_write(csr, nv)) return false;
  }
  x_[rd] = old;  // rd == 32 is the x0 sink
  return true;
}


}  // namespace core
