#pragma once
// The SystemC top: builds the modules from a HwConfig, loads an ELF, runs, reports.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/cfg/hw_config.h"
#include "sim/core/hart.h"
#include "sim/elf/elf_image.h"
#include "sim/system/chip_module.h"
#include "sim/stats/tile_stats.h"

namespace timing {
class TileTiming;
class MemorySystem;
}

namespace stats {
class Trace;
}

namespace sys {

class Dram;

/// The ELF does not fit the configured memory map (exit 65).
struct LoadError : std::runtime_error { using std::runtime_error::runtime_error; };

struct RunResult {
  Outcome outcome = Outcome::Exit;
  int64_t exit_code = 0;     ///< guest's exit value (Exit only)
  std::string message;       ///< fault or watchdog description
  uint64_t cycles = 0;       ///< core cycles
  uint64_t instret = 0;      ///< instructions retired
  uint64_t syncs = 0;        ///< SystemC synchronisations (quanta)
  double host_seconds = 0;   ///< wall time of the simulation alone
  double sim_seconds = 0;    ///< simulated time at the configured clock
  timing::TileStats tile;      ///< tile unit, DMA and DRAM counters, summed over the cores
  std::vector<uint64_t> macs_per_engine;  ///< per engine index, summed over the cores
  unsigned ended_by = 0;       ///< the hart that exited or faulted
  uint64_t slices = 0;         ///< hart slices the scheduler ran (host cost)
  /// Per core (one entry per hart).
  struct Core {
    uint64_t cycles = 0;       ///< the hart's cycle when the run ended (parked: when it parked)
    uint64_t instret = 0;
    bool parked = false;       ///< waiting in wfi
    timing::TileStats tile;
    uint64_t mem_bytes_read = 0, mem_bytes_written = 0;  ///< whole bursts / lines through its link
    uint64_t l2_hits = 0, l2_misses = 0;
    uint64_t multicast = 0;         ///< read granules delivered with a cluster peer's (no L2 access)
    uint64_t mem_queue_cycles = 0;  ///< its granules' delay beyond an idle memory system
  };
  std::vector<Core> cores;
  /// The shared memory system (memory_system.h).
  struct Memory {
    bool single_bus = true;    ///< one DRAM bus, no L2, unlimited interconnect
    unsigned channels = 1;
    uint32_t granule_bytes = 0;
    uint64_t channel_busy_max = 0, channel_busy_min = 0;  ///< busy cycles of the busiest / idlest channel
    uint64_t dram_busy = 0;    ///< average over channels
    uint64_t dram_bytes = 0;   ///< bytes the channels moved (reads, fills, write-backs, stores)
    uint64_t l2_size_kib = 0, l2_hits = 0, l2_misses = 0, l2_writebacks = 0, l2_dirty_lines = 0, l2_busy = 0;
    uint64_t interconnect_busy = 0, link_busy_max = 0;
    unsigned cluster_cores = 1;
    uint64_t multicast = 0;     ///< read granules that rode a cluster peer's transfer
    uint64_t queue_cycles = 0;  ///< sum over all granules of their delay beyond an idle system
  } memory;
};

/// Sum of per-core tile counters: counts add up; cycle stamps (cycles, last_done) are the
/// latest; dram_busy is chip-wide already (every core's copy is the same).
timing::TileStats sum_tile_stats(const std::vector<const timing::TileStats*>& per_core);

/// Starts a fresh SystemC simulation context, so several Systems may run in one process
/// (tests), one after another.
void fresh_simulation_context();

class System {
 public:
  /// Builds a new simulation context and the modules. `out` receives guest output.
  System(const cfg::HwConfig& c, core::HostWrite out);
  ~System();

  /// Copies the ELF's segments into DRAM and points the harts at their entries: hart 0 at the
  /// ELF's, the others (chip.cores > 1) at the symbol `_tilesim_secondary` with sp at the top of
  /// a stack of their own, kSecondaryStackBytes each at the top of DRAM (hart i's ends
  /// (i - 1) x kSecondaryStackBytes below the end). Throws LoadError.
  void load(const elf::ElfImage& img);
  static constexpr uint32_t kSecondaryStackBytes = 64 << 10;
  /// Bytes at the top of DRAM that hold the secondary harts' stacks (hosts allocate below).
  uint64_t stack_reserve_bytes() const;
  RunResult run();

  unsigned cores() const;
  core::Hart& hart(unsigned core = 0);
  Dram& dram();
  timing::TileTiming& tile_unit(unsigned core = 0);
  /// Every core's tile unit records its activity into `t` (nullptr: none): --trace.
  void set_trace(stats::Trace* t);
  const timing::MemorySystem& memory() const;
  /// The tile units' counters so far, summed over the cores (also while running: the progress
  /// line reads them).
  timing::TileStats tile_stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Process exit status for a run (the table: README.md, Exit codes): the guest's own code passes
/// through truncated to 8 bits (a nonzero code that truncates to 0 becomes 1).
int exit_status(const RunResult& r);

constexpr int kExitUsage = 64, kExitBadInput = 65, kExitMissingFile = 66, kExitInternal = 70,
              kExitConfig = 78, kExitGuestFault = 96, kExitWatchdog = 97, kExitInterrupted = 130,
              kExitCantCreate = 73;  // sysexits EX_CANTCREAT: an output file cannot be written

}  // namespace sys
