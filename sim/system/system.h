#pragma once
// The SystemC top: builds the modules from a HwConfig, loads an ELF, runs, reports.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/cfg/hw_config.h"
#include "sim/core/hart.h"
#include "sim/elf/elf_image.h"
#include "sim/system/core_module.h"
#include "sim/stats/tile_stats.h"

namespace timing {
class TileTiming;
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
  timing::TileStats tile;      ///< tile unit, DMA and DRAM counters
  std::vector<uint64_t> macs_per_engine;
};

/// Starts a fresh SystemC simulation context, so several Systems may run in one process
/// (tests), one after another.
void fresh_simulation_context();

class System {
 public:
  /// Builds a new simulation context and the modules. `out` receives guest output.
  System(const cfg::HwConfig& c, core::HostWrite out);
  ~System();

  /// Copies the ELF's segments into DRAM and points the hart at its entry. Throws LoadError.
  void load(const elf::ElfImage& img);
  RunResult run();

  core::Hart& hart();
  Dram& dram();
  timing::TileTiming& tile_unit();
  /// The tile unit's counters so far (also while running: the progress line reads them).
  const timing::TileStats& tile_stats() const;

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
