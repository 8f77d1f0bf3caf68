#include "sim/system/system.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <cstdio>
#include <cstring>

#include "sim/system/dram.h"
#include "sim/timing/dma_timing.h"
#include "sim/timing/memory_system.h"
#include "sim/timing/tile_timing.h"

namespace sys {

void fresh_simulation_context() {
  // SystemC keeps one global context; a new one gives each run (or test) a clean kernel.
  sc_core::sc_curr_simcontext = new sc_core::sc_simcontext();
  sc_core::sc_default_global_context = sc_core::sc_curr_simcontext;
  // Informational kernel reports ("simulation stopped by user") would pollute guest stdout.
  sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
}

// The chip, built from validated chip parameters (sim/cfg/chip_params.h): SystemC modules for
// what runs in simulated time (the harts' thread, their memory socket with DMI) and plain C++ for
// the timing models they call (sim/timing/): one memory system (interconnect, L2, DRAM channels)
// for the chip, and per core a DMA engine timed against it and a tile unit, the core's
// coprocessor.
struct System::Impl {
  cfg::HwConfig cfg;
  std::unique_ptr<Dram> dram;
  std::unique_ptr<timing::MemorySystem> mem;
  std::vector<std::unique_ptr<timing::DmaTiming>> dma;
  std::vector<std::unique_ptr<timing::TileTiming>> tile;
  core::Reservations resv;
  std::unique_ptr<timing::WorkerPool> pool;  // sim.host_threads - 1 workers (the harts run on this thread)
  std::unique_ptr<ChipModule> chip;
  explicit Impl(const cfg::HwConfig& c) : cfg(c), resv(c.chip.cores) {}
};

System::System(const cfg::HwConfig& c, core::HostWrite out) : impl_(std::make_unique<Impl>(c)) {
  fresh_simulation_context();
  impl_->dram = std::make_unique<Dram>("dram", c);
  Dram& d = *impl_->dram;
  const cfg::ChipParams p = cfg::chip_params(c);  // every derived number, once
  impl_->mem = std::make_unique<timing::MemorySystem>(p);
  const unsigned host = c.sim.host_threads ? c.sim.host_threads : std::max(1u, std::thread::hardware_concurrency());
  impl_->pool = std::make_unique<timing::WorkerPool>(host - 1);
  std::vector<core::Coprocessor*> tiles;
  for (unsigned i = 0; i < c.chip.cores; ++i) {
    impl_->dma.push_back(std::make_unique<timing::DmaTiming>(c.dma, *impl_->mem, i));
    impl_->tile.push_back(std::make_unique<timing::TileTiming>(p, xtile::DramView{d.host_ptr(d.base()), d.base(), d.size()}, *impl_->dma.back()));
    impl_->tile.back()->set_worker_pool(impl_->pool.get());
    tiles.push_back(impl_->tile.back().get());
  }
  impl_->chip = std::make_unique<ChipModule>("chip", c, std::move(out), tiles, impl_->resv);
  impl_->chip->socket.bind(d.socket);
}

unsigned System::cores() const { return impl_->chip->harts(); }
void System::set_trace(stats::Trace* t) {
  for (unsigned c = 0; c < cores(); ++c) tile_unit(c).set_trace(t, c);
}

timing::TileTiming& System::tile_unit(unsigned i) { return *impl_->tile[i]; }
const timing::MemorySystem& System::memory() const { return *impl_->mem; }

timing::TileStats sum_tile_stats(const std::vector<const timing::TileStats*>& per_core) {
  timing::TileStats t;
  for (const timing::TileStats* s : per_core) {
#define STAT(id, name, doc) t.name += s->name;
#include "isa/xtile_abi.def"
#undef STAT
    t.cycles = std::max(t.cycles, s->cycles);
    t.last_done = std::max(t.last_done, s->last_done);
  }
  if (!per_core.empty()) t.dram_busy = per_core[0]->dram_busy;
  return t;
}

timing::TileStats System::tile_stats() const {
  std::vector<const timing::TileStats*> v;
  for (const auto& t : impl_->tile) v.push_back(&t->stats());
  return sum_tile_stats(v);
}

System::~System() = default;

core::Hart& System::hart(unsigned i) { return impl_->chip->hart(i); }
Dram& System::dram() { return *impl_->dram; }

void System::load(const elf::ElfImage& img) {
  Dram& d = *impl_->dram;
  for (const auto& s : img.segments) {
    if (!d.contains(s.vaddr, s.memsz)) {
      char msg[200];
      std::snprintf(msg, sizeof msg, "%s: segment 0x%08x..0x%08x lies outside DRAM 0x%08x..0x%08llx (memory.dram_base/dram_size_mib)",
                    img.path.c_str(), s.vaddr, s.vaddr + s.memsz - 1, d.base(),
                    static_cast<unsigned long long>(d.base() + d.size() - 1));
      throw LoadError(msg);
    }
    uint8_t* p = d.host_ptr(s.vaddr);
    if (!s.data.empty()) std::memcpy(p, s.data.data(), s.data.size());  // (a segment may have no file data)
    std::memset(p + s.data.size(), 0, s.memsz - s.data.size());
  }
  if (img.entry % 4 != 0 || !d.contains(img.entry, 4)) {
    char msg[200];
    std::snprintf(msg, sizeof msg, "%s: entry point 0x%08x is %s", img.path.c_str(), img.entry,
                  img.entry % 4 ? "not 4-byte aligned (RV32IM has no compressed instructions)" : "outside DRAM");
    throw LoadError(msg);
  }
  uint32_t tohost = 0, tohost_size = 8, fromhost = 0;
  if (auto t = img.symbol("tohost"); t && d.contains(t->addr, 8)) {
    tohost = t->addr;
    tohost_size = t->size == 4 ? 4 : 8;
  }
  if (auto f = img.symbol("fromhost"); f && d.contains(f->addr, 8)) fromhost = f->addr;
  uint32_t secondary = 0;
  if (cores() > 1) {
    const auto sym = img.symbol("_tilesim_secondary");
    if (!sym || sym->addr % 4 || !d.contains(sym->addr, 4))
      throw LoadError(img.path + ": chip.cores is " + std::to_string(cores()) +
                      " but the ELF has no entry for the other harts (symbol _tilesim_secondary: link the tilesim runtime, "
                      "workloads/rt/crt0.S)");
    secondary = sym->addr;
    uint64_t end = 0;
    for (const auto& s : img.segments) end = std::max<uint64_t>(end, uint64_t(s.vaddr) + s.memsz);
    if (end > uint64_t(d.base()) + d.size() - stack_reserve_bytes())
      throw LoadError(img.path + ": the program overlaps the stacks of the other " + std::to_string(cores() - 1) + " harts (" +
                      std::to_string(stack_reserve_bytes() >> 10) + " KiB at the top of DRAM): raise memory.dram_size_mib");
  }
  const uint64_t dram_end = uint64_t(d.base()) + d.size();
  for (unsigned i = 0; i < cores(); ++i) {
    core::Hart& h = hart(i);
    h.reset(i == 0 ? img.entry : secondary);
    if (i) h.set_reg(2, static_cast<uint32_t>(dram_end - uint64_t(i - 1) * kSecondaryStackBytes));  // sp (may be 2^32: wraps to 0, the top)
    if (tohost) h.set_htif(tohost, tohost_size, fromhost);
  }
}

uint64_t System::stack_reserve_bytes() const { return uint64_t(cores() - 1) * kSecondaryStackBytes; }

RunResult System::run() {
  const auto t0 = std::chrono::steady_clock::now();
  sc_core::sc_start();
  for (auto& t : impl_->tile) t->join();  // block-MMA values still on workers
  const auto t1 = std::chrono::steady_clock::now();
  RunResult r;
  ChipModule& chip = *impl_->chip;
  const unsigned n = cores();
  core::Hart& h = hart(chip.ended_by());
  r.outcome = chip.outcome();
  r.ended_by = chip.ended_by();
  r.exit_code = h.exit_code();
  // The chip's cycles: when the run ended - the exiting (faulting) hart's cycle; else the
  // latest hart's.
  r.cycles = h.cycle();
  if (r.outcome != Outcome::Exit && !(r.outcome == Outcome::Fault && !chip.all_parked()))
    for (unsigned i = 0; i < n; ++i) r.cycles = std::max(r.cycles, hart(i).cycle());
  r.syncs = chip.syncs();
  r.slices = chip.slices();
  r.host_seconds = std::chrono::duration<double>(t1 - t0).count();
  r.sim_seconds = double(r.cycles) / (double(impl_->cfg.clock.freq_mhz) * 1e6);
  std::vector<const timing::TileStats*> per;
  r.macs_per_engine.assign(impl_->cfg.tile.mac.engines, 0);
  for (unsigned i = 0; i < n; ++i) {
    RunResult::Core c;
    c.cycles = hart(i).cycle();
    c.instret = hart(i).instret();
    c.parked = hart(i).waiting();
    c.tile = impl_->tile[i]->stats();
    r.instret += c.instret;
    const timing::CoreTraffic& tr = impl_->mem->traffic(i);
    c.mem_bytes_read = tr.bytes_read;
    c.mem_bytes_written = tr.bytes_written;
    c.l2_hits = tr.l2_hits;
    c.l2_misses = tr.l2_misses;
    c.multicast = tr.multicast;
    r.memory.multicast += tr.multicast;
    c.mem_queue_cycles = tr.queue_cycles;
    r.memory.queue_cycles += tr.queue_cycles;
    r.memory.link_busy_max = std::max(r.memory.link_busy_max, impl_->mem->link_busy(i));
    const auto& m = impl_->tile[i]->macs_per_engine();
    for (size_t e = 0; e < m.size(); ++e) r.macs_per_engine[e] += m[e];
    r.cores.push_back(c);
  }
  for (const auto& c : r.cores) per.push_back(&c.tile);
  const timing::MemorySystem& ms = *impl_->mem;
  RunResult::Memory& mr = r.memory;
  mr.single_bus = ms.single_bus();
  mr.channels = ms.channels();
  mr.granule_bytes = ms.granule_bytes();
  mr.channel_busy_min = ~uint64_t(0);
  for (unsigned ch = 0; ch < ms.channels(); ++ch) {
    mr.channel_busy_max = std::max(mr.channel_busy_max, ms.channel_busy(ch));
    mr.channel_busy_min = std::min(mr.channel_busy_min, ms.channel_busy(ch));
    mr.dram_bytes += ms.channel_bursts(ch) * ms.granule_bytes();
  }
  mr.dram_busy = ms.dram_busy_cycles();
  if (const timing::L2Cache* l2 = ms.l2()) {
    mr.l2_size_kib = impl_->cfg.l2.size_kib;
    mr.l2_hits = l2->hits();
    mr.l2_misses = l2->misses();
    mr.l2_writebacks = l2->writebacks();
    mr.l2_dirty_lines = l2->dirty_lines();
    mr.l2_busy = ms.l2_busy();
  }
  mr.interconnect_busy = ms.interconnect_busy();
  mr.cluster_cores = ms.cluster_cores();
  r.tile = sum_tile_stats(per);
  const std::string who = n > 1 ? "hart " + std::to_string(r.ended_by) + ": " : "";
  if (r.outcome == Outcome::Fault) {
    if (chip.all_parked()) {
      r.message = "guest fault: every hart is waiting in wfi (no interrupt exists to wake one) at cycle " + std::to_string(r.cycles) +
                  "; the program never exited";
    } else {
      r.message = "guest fault: " + who + h.fault();
    }
  }
  if (r.outcome == Outcome::Interrupted) r.message = "interrupted (SIGINT) after " + std::to_string(r.cycles) + " cycles: the report is partial";
  if (r.outcome == Outcome::Watchdog) {
    char msg[200];
    std::snprintf(msg, sizeof msg, "watchdog: no exit after %llu cycles (%spc 0x%08x); raise sim.max_cycles or --max-cycles",
                  static_cast<unsigned long long>(r.cycles), who.c_str(), h.pc());
    r.message = msg;
  }
  return r;
}

int exit_status(const RunResult& r) {
  switch (r.outcome) {
    case Outcome::Fault: return kExitGuestFault;
    case Outcome::Watchdog: return kExitWatchdog;
    case Outcome::Interrupted: return kExitInterrupted;
    case Outcome::Exit: break;
  }
  const int code = static_cast<int>(static_cast<uint64_t>(r.exit_code) & 0xff);
  return (r.exit_code != 0 && code == 0) ? 1 : code;
}

}  // namespace sys
