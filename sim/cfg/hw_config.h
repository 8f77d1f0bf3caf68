#pragma once
// The typed hardware/simulation config. These structs ARE the schema: each `visit` lists its
// keys with type, default (the member initialiser), range, unit and meaning. Loading, --set
// overrides, the effective-config dump and docs/config.md are all generated from the visits.
#include <cstdint>
#include <string>
#include <vector>

namespace cfg {

/// Simulation control (not hardware).
struct SimConfig {
  uint64_t max_cycles = 20'000'000'000ull;  ///< watchdog, core cycles
  uint64_t quantum_cycles = 10'000;         ///< TLM temporal-decoupling quantum, core cycles
  template <class V> void visit(V& v) {
    v.num("max_cycles", max_cycles, 1, UINT64_MAX, "cycles",
          "Watchdog: the run stops with exit code 97 once the core has spent this many cycles. "
          "`--max-cycles` overrides it.");
    v.num("quantum_cycles", quantum_cycles, 1, 1'000'000'000, "cycles",
          "Temporal-decoupling quantum: how far the core runs ahead of SystemC time before it "
          "synchronises. Affects host speed only, never results or cycle counts.");
  }
};

struct ClockConfig {
  uint64_t freq_mhz = 1000;  ///< core and accelerator clock
  template <class V> void visit(V& v) {
    v.num("freq_mhz", freq_mhz, 1, 100'000, "MHz", "Clock of the core (and, later, the tile unit).");
  }
};

/// The memory map.
struct MemoryConfig {
  uint64_t dram_base = 0x80000000ull;  ///< first byte of DRAM
  uint64_t dram_size_mib = 256;        ///< DRAM size
  template <class V> void visit(V& v) {
    v.num("dram_base", dram_base, 0, 0xFFFFF000ull, "address",
          "Guest physical address of the first DRAM byte; 4 KiB aligned. Accesses outside "
          "[dram_base, dram_base + size) are access faults.");
    v.num("dram_size_mib", dram_size_mib, 1, 4095, "MiB",
          "DRAM size; dram_base + size must fit in the 32-bit address space.");
  }
};

/// In-order pipeline timing: cycles charged per instruction class.
struct CoreTimingConfig {
  uint32_t alu = 1, branch = 1, branch_taken_penalty = 2, jump = 1, jump_penalty = 2;
  uint32_t load = 1, load_use_penalty = 1, store = 1, mul = 1, div = 34, csr = 1, system = 1;
  template <class V> void visit(V& v) {
    v.num("alu", alu, 1, 1000, "cycles", "Integer ALU instruction (also lui/auipc).");
    v.num("branch", branch, 1, 1000, "cycles", "Conditional branch, not taken.");
    v.num("branch_taken_penalty", branch_taken_penalty, 0, 1000, "cycles",
          "Extra cycles when a conditional branch is taken (pipeline refill).");
    v.num("jump", jump, 1, 1000, "cycles", "jal / jalr issue.");
    v.num("jump_penalty", jump_penalty, 0, 1000, "cycles", "Extra cycles of a jal / jalr (refill).");
    v.num("load", load, 1, 1000, "cycles", "Load issue (hit in local memory).");
    v.num("load_use_penalty", load_use_penalty, 0, 1000, "cycles",
          "Extra cycles when the next instruction reads the register a load writes.");
    v.num("store", store, 1, 1000, "cycles", "Store issue.");
    v.num("mul", mul, 1, 1000, "cycles", "mul, mulh, mulhsu, mulhu (blocking).");
    v.num("div", div, 1, 1000, "cycles", "div, divu, rem, remu (blocking, unpipelined divider).");
    v.num("csr", csr, 1, 1000, "cycles", "CSR read/write.");
    v.num("system", system, 1, 1000, "cycles", "fence, fence.i, ecall, ebreak, mret, wfi.");
  }
};

struct CoreConfig {
  std::string misaligned = "allow";  ///< allow | trap
  CoreTimingConfig timing;
  template <class V> void visit(V& v) {
    v.choice("misaligned", misaligned, {"allow", "trap"},
             "Misaligned loads/stores: `allow` performs them (as qemu-user does), `trap` raises "
             "address-misaligned exceptions (cause 4 / 6).");
    v.group("timing", timing, "In-order pipeline latencies per instruction class.");
  }
};

struct HwConfig {
  std::string name = "default";
  SimConfig sim;
  ClockConfig clock;
  MemoryConfig memory;
  CoreConfig core;
  template <class V> void visit(V& v) {
    v.text("name", name, "Free-form name of this configuration, copied into reports.");
    v.group("sim", sim, "Simulation control.");
    v.group("clock", clock, "Clocks.");
    v.group("memory", memory, "Memory map.");
    v.group("core", core, "The RV32IM scalar core.");
  }
};

}  // namespace cfg
