#include "sim/system/system.h"

#include <chrono>
#include <cstdio>
#include <cstring>

#include "sim/system/dram.h"
#include "sim/timing/dma_timing.h"
#include "sim/timing/dram_bus.h"
#include "sim/timing/tile_timing.h"

namespace sys {

void fresh_simulation_context() {
  // SystemC keeps one global context; a new one gives each run (or test) a clean kernel.
  sc_core::sc_curr_simcontext = new sc_core::sc_simcontext();
  sc_core::sc_default_global_context = sc_core::sc_curr_simcontext;
  // Informational kernel reports ("simulation stopped by user") would pollute guest stdout.
  sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
}

// The chip, built from validated chip parameters (sim/cfg/chip_params.h): SystemC modules for what runs in simulated time (the core's thread, its memory
// socket with DMI) and plain C++ for the timing models they call (sim/timing/): the DRAM bus is
// the chip's, the DMA engine's queues time against it, the tile unit is the core's coprocessor.
struct System::Impl {
  cfg::HwConfig cfg;
  std::unique_ptr<Dram> dram;
  std::unique_ptr<timing::DramBus> bus;
  std::unique_ptr<timing::DmaTiming> dma;
  std::unique_ptr<timing::TileTiming> tile;
  std::unique_ptr<CoreModule> core;
};

System::System(const cfg::HwConfig& c, core::HostWrite out) : impl_(std::make_unique<Impl>()) {
  fresh_simulation_context();
  impl_->cfg = c;
  impl_->dram = std::make_unique<Dram>("dram", c);
  Dram& d = *impl_->dram;
  const cfg::ChipParams p = cfg::chip_params(c);  // every derived number, once
  impl_->bus = std::make_unique<timing::DramBus>(p);
  impl_->dma = std::make_unique<timing::DmaTiming>(c.dma, *impl_->bus);
  impl_->tile = std::make_unique<timing::TileTiming>(p, xtile::DramView{d.host_ptr(d.base()), d.base(), d.size()}, *impl_->dma);
  impl_->core = std::make_unique<CoreModule>("core", c, std::move(out), impl_->tile.get());
  impl_->core->socket.bind(d.socket);
}

timing::TileTiming& System::tile_unit() { return *impl_->tile; }
const timing::TileStats& System::tile_stats() const { return impl_->tile->stats(); }

System::~System() = default;

core::Hart& System::hart() { return impl_->core->hart(); }
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
  core::Hart& h = hart();
  h.reset(img.entry);
  uint32_t tohost = 0, tohost_size = 8, fromhost = 0;
  if (auto t = img.symbol("tohost"); t && d.contains(t->addr, 8)) {
    tohost = t->addr;
    tohost_size = t->size == 4 ? 4 : 8;
  }
  if (auto f = img.symbol("fromhost"); f && d.contains(f->addr, 8)) fromhost = f->addr;
  if (tohost) h.set_htif(tohost, tohost_size, fromhost);
}

RunResult System::run() {
  const auto t0 = std::chrono::steady_clock::now();
  sc_core::sc_start();
  const auto t1 = std::chrono::steady_clock::now();
  RunResult r;
  core::Hart& h = hart();
  r.outcome = impl_->core->outcome();
  r.exit_code = h.exit_code();
  r.cycles = h.cycle();
  r.instret = h.instret();
  r.syncs = impl_->core->syncs();
  r.host_seconds = std::chrono::duration<double>(t1 - t0).count();
  r.sim_seconds = double(r.cycles) / (double(impl_->cfg.clock.freq_mhz) * 1e6);
  r.tile = impl_->tile->stats();
  r.macs_per_engine = impl_->tile->macs_per_engine();
  if (r.outcome == Outcome::Fault) r.message = "guest fault: " + h.fault();
  if (r.outcome == Outcome::Interrupted) r.message = "interrupted (SIGINT) after " + std::to_string(r.cycles) + " cycles: the report is partial";
  if (r.outcome == Outcome::Watchdog) {
    char msg[160];
    std::snprintf(msg, sizeof msg, "watchdog: no exit after %llu cycles (pc 0x%08x); raise sim.max_cycles or --max-cycles",
                  static_cast<unsigned long long>(r.cycles), h.pc());
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
