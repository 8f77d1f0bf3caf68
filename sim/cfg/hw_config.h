#pragma once
// The typed hardware/simulation config. These structs ARE the schema: each `visit` lists its
// keys with type, default (the member initialiser), range, unit and meaning. Loading, --set
// overrides, the effective-config dump and docs/config.md are all generated from the visits.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "isa/formats.h"
#include "sim/cfg/area_config.h"
#include "sim/cfg/energy_config.h"

namespace cfg {

/// Simulation control (not hardware).
struct SimConfig {
  uint64_t max_cycles = 20'000'000'000ull;  ///< watchdog, core cycles
  uint64_t quantum_cycles = 10'000;         ///< TLM temporal-decoupling quantum, core cycles
  uint32_t host_threads = 1;                ///< host threads (0 = one per host CPU)
  template <class V> void visit(V& v) {
    v.num("max_cycles", max_cycles, 1, UINT64_MAX, "cycles",
          "Watchdog: the run stops with exit code 97 once the core has spent this many cycles. "
          "`--max-cycles` overrides it.");
    v.num("quantum_cycles", quantum_cycles, 1, 1'000'000'000, "cycles",
          "Temporal-decoupling quantum: how far the core runs ahead of SystemC time before it "
          "synchronises. Affects host speed only, never results or cycle counts.");
    v.num("host_threads", host_threads, 0, 256, "threads",
          "Host threads: the harts run on one, the golden values of block MMAs (xt.mma.blk) on the others "
          "(0 = one per host CPU). Affects host speed only: results and cycles are identical for every value.");
  }
};

struct ClockConfig {
  uint64_t freq_mhz = 1000;  ///< core and accelerator clock
  template <class V> void visit(V& v) {
    v.num("freq_mhz", freq_mhz, 1, 100'000, "MHz", "Clock of the core and the tile unit (one clock domain).");
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
  uint32_t load = 1, load_use_penalty = 1, store = 1, mul = 1, div = 34, csr = 1, system = 1, tile = 1;
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
    v.num("tile", tile, 1, 1000, "cycles",
          "Issuing an Xtile instruction to the tile unit's command queue; stalls (queue full, "
          "xt.wait, xt.fence, reading a tile-unit value) come on top.");
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

/// The MAC array(s) behind the 16x16 tile. One formula gives the timing (docs/tile-unit.md):
///   passes = ceil(16/rows) * ceil(16/cols); k_steps = ceil(k / rate) (isa/formats.def: int8
///   16 / 1, ternary 16 / ternary_factor, int4 32 / int4_factor)
///   II = passes * k_steps;  latency = II + (rows - 1) + (cols - 1) + pipeline_depth
struct MacConfig {
  uint32_t engines = 1, rows = 16, cols = 16, pipeline_depth = 2;
  /// MACs per PE per cycle of each format: the table's default, overridden by its rate_key.
  std::array<uint32_t, isa::kNumFormats> rates = [] {
    std::array<uint32_t, isa::kNumFormats> r{};
    for (const auto& f : isa::kFormats) r[static_cast<int>(f.id)] = f.rate;
    return r;
  }();
  std::string engine = "cpp";
  uint32_t rate(isa::Format f) const { return rates[static_cast<int>(f)]; }
  uint32_t& rate(isa::Format f) { return rates[static_cast<int>(f)]; }
  template <class V> void visit(V& v) {
    v.choice("engine", engine, {"cpp", "rtl"},
             "Which MAC engine computes MMAs: `cpp` (the C++ model) or `rtl` (the Verilated SystemVerilog "
             "array of this geometry; `--mac rtl`). Both give the same values and cycles.");
    v.num("engines", engines, 1, 64, "arrays", "Number of MAC arrays; independent MMAs go to the first free one.");
    v.num("rows", rows, 1, 64, "PEs",
          "MAC array rows (output-stationary systolic array of rows x cols PEs). Above 16 one MMA uses a 16x16 "
          "corner; xt.mma.blk puts a group of (rows / 16) x (cols / 16) tiles on the array at once.");
    v.num("cols", cols, 1, 64, "PEs", "MAC array columns.");
    v.num("pipeline_depth", pipeline_depth, 0, 64, "cycles", "Extra register stages (operand skew in, result out).");
    for (const auto& f : isa::kFormats)  // a key per format whose rate the config may set
      if (f.rate_key) v.num(f.rate_key, rates[static_cast<int>(f.id)], 1, f.k, "x", f.rate_doc);
  }
};

struct VectorConfig {
  uint32_t lanes = 32, latency = 2, special_latency = 4;
  template <class V> void visit(V& v) {
    v.num("lanes", lanes, 1, 256, "int32 lanes", "Row/vector unit width: a 16x16 tile op occupies it ceil(256/lanes) cycles.");
    v.num("latency", latency, 0, 1000, "cycles", "Pipeline latency on top of the occupancy.");
    v.num("special_latency", special_latency, 0, 1000, "cycles", "Extra latency of xt.exp2 and xt.rcp.");
  }
};

struct TileConfig {
  uint32_t registers = 32, queue_depth = 8, load_store_latency = 2;
  MacConfig mac;
  VectorConfig vector;
  template <class V> void visit(V& v) {
    v.num("registers", registers, 1, 32, "tiles", "Tile registers tr0..tr(N-1); a kernel naming a higher one faults.");
    v.num("queue_depth", queue_depth, 1, 1024, "commands", "Command queue between core and tile unit; the core stalls when it is full.");
    v.num("load_store_latency", load_store_latency, 0, 1000, "cycles", "Tile load/store latency on top of the scratchpad cycles.");
    v.group("mac", mac, "MAC engines.");
    v.group("vector", vector, "Row/vector unit (elementwise, row reductions, exp2, rcp, quant).");
  }
};

struct ScratchpadConfig {
  uint32_t size_kib = 256, banks = 16, bank_width = 16, ports = 1, acc_kib = 0;
  template <class V> void visit(V& v) {
    v.num("size_kib", size_kib, 1, 65536, "KiB", "Scratchpad capacity; at least one int32 tile and a multiple of one bank row.");
    v.num("acc_kib", acc_kib, 0, 65536, "KiB",
          "Accumulator SRAM beside the MAC arrays (0 = none), addressed right after the scratchpad (at size_kib x 1024): "
          "xt.mma.blk reads and writes a C block there without using the tile ports; tile loads/stores and DMAs reach "
          "it like scratchpad (docs/tile-unit.md, \"Block MMA\"). A multiple of one bank row.");
    v.num("banks", banks, 1, 256, "banks", "Number of banks (a power of two). One tile access reads one bank_width chunk per bank per cycle.");
    v.num("bank_width", bank_width, 4, 256, "bytes", "Bytes per bank per cycle (a power of two).");
    v.num("ports", ports, 1, 8, "ports",
          "Tile load/store ports (each reads or writes one chunk per bank per cycle); tile accesses "
          "start in program order on the first free port. The DMA has its own port.");
  }
};

struct DmaConfig {
  uint32_t queues = 4, burst_bytes = 64, max_in_flight = 16, setup_cycles = 4, queue_depth = 16;
  template <class V> void visit(V& v) {
    v.num("queues", queues, 1, 64, "queues", "DMA queues, each with its own outstanding counter (xt.wait).");
    v.num("queue_depth", queue_depth, 1, 4096, "transfers",
          "Transfers one DMA queue holds until they complete; a DMA to a full queue waits in the command queue for the oldest to finish.");
    v.num("burst_bytes", burst_bytes, 4, 4096, "bytes", "DRAM burst size (a power of two); transfers split into aligned bursts.");
    v.num("max_in_flight", max_in_flight, 1, 1024, "bursts", "Bursts one queue may have outstanding at DRAM.");
    v.num("setup_cycles", setup_cycles, 0, 10000, "cycles", "Cycles from dispatch to the first burst of a transfer.");
  }
};

struct DramConfig {
  uint64_t bandwidth_mb_s = 32000, latency_ns = 100;
  uint32_t channels = 1, interleave_bytes = 256;
  std::string channel_map = "hash";
  template <class V> void visit(V& v) {
    v.num("bandwidth_mb_s", bandwidth_mb_s, 1, 100'000'000, "MB/s",
          "Peak DRAM bandwidth (1 MB = 10^6 bytes), the sum over its channels; shared by all queues of all cores.");
    v.num("latency_ns", latency_ns, 0, 100'000, "ns", "Latency of one burst when DRAM is idle (request to last byte).");
    v.num("channels", channels, 1, 1024, "channels",
          "Independent DRAM channels (HBM: stacks x channels per stack), each with bandwidth_mb_s / channels "
          "and the same latency; addresses interleave over them. 1 = one shared bus.");
    v.num("interleave_bytes", interleave_bytes, 32, 1 << 20, "bytes",
          "Channel interleave: address bytes [a, a + interleave) map to channel (a / interleave) mod channels "
          "(a power of two, at least dma.burst_bytes and l2.line_bytes).");
    v.choice("channel_map", channel_map, {"hash", "interleave"},
             "Which channel an interleave unit u = a / interleave_bytes goes to: `hash` (a multiplicative hash of u, as "
             "memory controllers hash addresses so that power-of-two strides spread over all channels) or `interleave` "
             "(u mod channels: a row pitch that is a multiple of channels x interleave hits one channel).");
  }
};

/// The tile cores of the chip.
struct ChipConfig {
  uint32_t cores = 1;
  template <class V> void visit(V& v) {
    v.num("cores", cores, 1, 256, "cores",
          "Tile cores: each one hart (mhartid 0..cores-1) with its own tile unit, MAC engines, vector unit, "
          "scratchpad and DMA queues, all running the same ELF. They share DRAM (and the L2) through the "
          "interconnect.");
  }
};

/// Between the cores' DMA engines and the L2 / DRAM.
struct InterconnectConfig {
  uint64_t link_bandwidth_mb_s = 0, bandwidth_mb_s = 0, latency_ns = 0;
  uint32_t cluster_cores = 1;
  template <class V> void visit(V& v) {
    v.num("link_bandwidth_mb_s", link_bandwidth_mb_s, 0, 100'000'000, "MB/s",
          "Bandwidth of each core's link into the interconnect (reads and writes share it); 0 = unlimited.");
    v.num("bandwidth_mb_s", bandwidth_mb_s, 0, 1'000'000'000, "MB/s",
          "Total bandwidth of the interconnect, shared by all cores; 0 = unlimited.");
    v.num("latency_ns", latency_ns, 0, 100'000, "ns", "Latency a burst spends crossing the interconnect (each way together).");
    v.num("cluster_cores", cluster_cores, 1, 256, "cores",
          "Cores per cluster (cores c with the same c / cluster_cores) sharing one multicast port: a line one core "
          "of a cluster reads while another core of it has the same line in flight crosses the L2 and the "
          "interconnect once and is delivered to both links (Hopper's TMA multicast within a thread-block "
          "cluster, found by the port instead of asked for by the program). 1 = no multicast.");
  }
};

/// Optional shared last-level cache between the interconnect and DRAM.
struct L2Config {
  uint64_t size_kib = 0, bandwidth_mb_s = 0, latency_ns = 0;
  uint32_t line_bytes = 128, ways = 16;
  std::string replacement = "lru", set_index = "hash";
  template <class V> void visit(V& v) {
    v.num("size_kib", size_kib, 0, 4 * 1024 * 1024, "KiB",
          "Capacity; 0 = no L2 (DMA traffic goes to DRAM). A multiple of line_bytes x ways.");
    v.num("line_bytes", line_bytes, 32, 4096, "bytes",
          "Line size (a power of two, at least dma.burst_bytes): with an L2 DMA transfers move whole lines.");
    v.num("ways", ways, 1, 64, "ways", "Associativity (lines per set).");
    v.choice("set_index", set_index, {"hash", "modulo"},
             "Which set a line n goes to: `hash` (a multiplicative hash of n, as large caches hash their index so "
             "strided walks use every set) or `modulo` (n mod sets).");
    v.choice("replacement", replacement, {"lru", "fifo", "random"},
             "Victim within a set: least recently used, oldest filled, or pseudo-random (a fixed-seed "
             "generator: runs stay deterministic).");
    v.num("bandwidth_mb_s", bandwidth_mb_s, 0, 1'000'000'000, "MB/s", "Total L2 bandwidth (hits, fills and write-backs); 0 = unlimited.");
    v.num("latency_ns", latency_ns, 0, 100'000, "ns", "Hit latency (a miss adds dram.latency_ns).");
  }
};

struct HwConfig {
  std::string name = "default";
  SimConfig sim;
  ClockConfig clock;
  MemoryConfig memory;
  CoreConfig core;
  TileConfig tile;
  ScratchpadConfig scratchpad;
  DmaConfig dma;
  DramConfig dram;
  ChipConfig chip;
  InterconnectConfig interconnect;
  L2Config l2;
  EnergyConfig energy;
  AreaConfig area;
  template <class V> void visit(V& v) {
    v.text("name", name, "Free-form name of this configuration, copied into reports.");
    v.group("sim", sim, "Simulation control.");
    v.group("clock", clock, "Clocks.");
    v.group("memory", memory, "Memory map.");
    v.group("core", core, "The RV32IM scalar core.");
    v.group("tile", tile, "The tile unit: tile registers, command queue, MAC engines, vector unit.");
    v.group("scratchpad", scratchpad, "Banked scratchpad SRAM.");
    v.group("dma", dma, "2-D DMA engine between DRAM and scratchpad.");
    v.group("dram", dram, "DRAM timing (its size and address are under memory).");
    v.group("chip", chip, "How many tile cores.");
    v.group("interconnect", interconnect, "The network between the cores and the L2 / DRAM.");
    v.group("l2", l2, "Shared L2 cache.");
    v.group("energy", energy, "Energy per action and static power (docs/energy.md): the report's energy section.");
    v.group("area", area, "Gate and SRAM areas at the node (energy.node) and estimates for units without RTL (docs/area.md): the report's area section.");
  }
};

}  // namespace cfg
