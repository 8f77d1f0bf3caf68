#pragma once
// The timed tile unit, plain C++ (no SystemC: a unit test drives it directly): receives Xtile
// instructions from the core (core::Coprocessor), gives them their values through the golden
// machine (at issue, in program order) and their timing through a
// scoreboard of `busy_until`/`ready` cycles: command queue, tile registers, MAC engines, the
// row/vector unit, the tile load/store port with bank conflicts, scratchpad interlocks with the
// DMA, and DMA queues. No per-cycle ticking: everything is arithmetic on cycle numbers.
#include <deque>
#include <set>
#include <memory>
#include <vector>

#include "sim/stats/trace.h"
#include "sim/cfg/chip_params.h"
#include "sim/cfg/hw_config.h"
#include "sim/core/coprocessor.h"
#include "sim/timing/command_queue.h"
#include "sim/timing/dma_timing.h"
#include "sim/xtile/machine.h"
#include "sim/timing/mac_engine.h"
#include "sim/timing/spad_interlock.h"
#include "sim/timing/worker_pool.h"

#include <future>
#include "sim/stats/tile_stats.h"

namespace timing {

class TileTiming final : public core::Coprocessor {
 public:
  /// The tile unit of chip `p` over guest memory `dram`, its DMAs timed by `dma` (the chip's).
  /// Throws cfg::ConfigError when tile.mac.engine cannot be built (mac_engine.h).
  TileTiming(const cfg::ChipParams& p, xtile::DramView dram, DmaTiming& dma);
  ~TileTiming() override;
  /// Block MMAs' golden values go to `pool` (a chip's host threads; null: computed at issue).
  void set_worker_pool(WorkerPool* pool) { pool_ = pool; }
  /// Waits for this unit's outstanding block-MMA values (every entry point does it first; the
  /// chip before reading the counters).
  void join() {
    if (pending_.valid()) finish_pending();
  }

  xtile::XtileMachine& machine() { return machine_; }
  const TileStats& stats() const;
  /// Records this unit's activity into `t` as core `core` (nullptr: none, the default).
  void set_trace(stats::Trace* t, uint32_t core) { trace_ = t, trace_core_ = core; }
  /// Host state that must stay bounded whatever the guest does (tests count it): completions held
  /// for DMA queue q (<= dma.queue_depth) and scratchpad interlock entries.
  size_t dma_completions_held(uint32_t q) const { return queues_[q].done.size(); }
  size_t interlock_entries() const { return spad_written_.size() + spad_read_.size(); }
  /// MACs executed by each engine (for the report; after stats()).
  const std::vector<uint64_t>& macs_per_engine() const {
    stats();
    return macs_per_engine_;
  }
  /// Executes one instruction (also the body of b_transport).
  void execute(const core::XtInsn& in, core::XtResult& out) override;
  /// The hot classes' fast entries (see core::Coprocessor).
  uint64_t mma(isa::Op op, unsigned rd, unsigned ra, unsigned rb, uint64_t cycle) override;
  uint64_t tile_mem(isa::Op op, unsigned rd, uint32_t x1, uint32_t x2, uint64_t cycle) override;

 private:
  stats::Trace* trace_ = nullptr;
  uint32_t trace_core_ = 0;
  void execute_mac(const core::XtInsn& in, core::XtResult& out);
  void execute_mem(const core::XtInsn& in, core::XtResult& out);
  /// Timing of an MMA / a tile load or store that entered the queue at `disp` (values done).
  void mma_timing(isa::Op op, unsigned rd, unsigned ra, unsigned rb, uint64_t disp);
  void mem_timing(bool store, unsigned rd, const xtile::TileAccess& a, uint64_t disp);
  void execute_vec(const core::XtInsn& in, core::XtResult& out);
  void execute_dma(const core::XtInsn& in, core::XtResult& out);
  void execute_sync(const core::XtInsn& in, core::XtResult& out);
  /// xt.mma.blk: values from the golden machine (or tile by tile from the engines when they
  /// compute values themselves), timing from the block formula (docs/tile-unit.md).
  void execute_blk(const core::XtInsn& in, core::XtResult& out);
  /// xt.smx.blk: the row/vector unit steps its tiles one after another (docs/tile-unit.md).
  void execute_smx(const core::XtInsn& in, core::XtResult& out);
  /// Queue admission of a command issued at in.cycle: returns the cycle it enters the queue
  /// (also the core's earliest resume cycle).
  uint64_t admit(const core::XtInsn& in, core::XtResult& out);
  /// Command-queue admission of a command issued at `cycle`: the cycle it enters, the core's
  /// wait counted (and traced) as a queue-full stall.
  uint64_t queue_stall(uint64_t cycle);
  void prune_interlocks(uint64_t now);
  void fail(const core::XtInsn& in, core::XtResult& out, const std::string& msg);
  uint64_t drain_time() const;
  void done_at(uint64_t t) { stats_.last_done = std::max(stats_.last_done, t); }

  void finish_pending();
  cfg::HwConfig cfg_;
  DmaTiming& dma_;
  WorkerPool* pool_ = nullptr;
  std::future<uint32_t> pending_;  // the values of the last block MMA, when on a worker
  xtile::XtileMachine machine_;
  std::vector<std::unique_ptr<MacEngine>> engines_;
  CppMacEngine* sole_cpp_ = nullptr;  // the only engine, when it is the C++ one (called directly)
  mutable TileStats stats_;                  // MMA counts, macs, mac_busy and dram_busy filled in by stats()
  mutable std::vector<uint64_t> macs_per_engine_;  // with one engine: filled in by stats()
  xtile::ExecInfo info_;                 // reused for every instruction (no allocations)
  std::string fault_;                   // the message a faulting instruction's result points to
  uint32_t mac_ii_[isa::kNumFormats];   // MacTiming::ii per format
  uint64_t mma_count_[isa::kNumFormats] = {};  // MMAs per format (stats() sums them into the counters)
  uint64_t blk_count_[isa::kNumFormats] = {};  // ... of them inside xt.mma.blk (busy time counted apart)
  uint64_t blk_busy_ = 0;                      // engine-cycles of block MMAs
  uint32_t group_rows_ = 1, group_cols_ = 1;   // C tiles an array holds at once in a block MMA
  uint32_t spad_only_bytes_ = 0;               // the scratchpad proper; the accumulator SRAM follows
  uint64_t treg_read_ = 0, treg_write_ = 0;    // tile-register bytes of everything but MMAs (stats() adds theirs)
  /// SRAM traffic at scratchpad address `addr`: to the accumulator SRAM's counters past the
  /// scratchpad proper, else the scratchpad's (`mma`: also the block MMAs' share).
  void sram_bytes(uint32_t addr, uint64_t bytes, bool write, bool mma = false) {
    const bool acc = addr >= spad_only_bytes_;
    (acc ? (write ? stats_.acc_write_bytes : stats_.acc_read_bytes) : (write ? stats_.spad_write_bytes : stats_.spad_read_bytes)) += bytes;
    if (mma)
      (acc ? (write ? stats_.mma_acc_write_bytes : stats_.mma_acc_read_bytes)
           : (write ? stats_.mma_spad_write_bytes : stats_.mma_spad_read_bytes)) += bytes;
  }
  uint32_t mac_fill_[isa::kNumFormats];        // latency - II: fill and drain of the array

  CommandQueue queue_;
  // Scoreboard (cycles).
  uint64_t ready_[32] = {};      // per tile register: value available
  uint64_t read_done_[32] = {};  // per tile register: earlier readers have read it (WAR)
  uint64_t mac_last_start_ = 0, vec_last_start_ = 0, ldst_last_start_ = 0;
  uint64_t vec_free_ = 0;
  std::vector<uint64_t> ldst_free_;  // per tile load/store port
  uint32_t vec_ii_;
  // Scratchpad interlocks, per bank_width chunk: when pending writes land / pending reads end.
  SpadInterlock spad_written_, spad_read_;
  // Bank cost depends on addresses only modulo the swizzle period: a direct-mapped cache.
  struct BankCacheEntry { uint64_t key = ~0ull; uint32_t cycles = 0, conflicts = 0; };
  std::vector<BankCacheEntry> bank_cache_;
  uint32_t bank_period_;  // bytes after which bank placement repeats (swizzled or not; a power of two)
  // DMA queues: tickets issued and completion cycles of transfers not yet known complete.
  struct Queue {
    uint64_t issued = 0;
    std::multiset<uint64_t> done;  ///< at most dma.queue_depth entries: completions after the last dispatch
  };
  std::vector<Queue> queues_;
};

}  // namespace timing
