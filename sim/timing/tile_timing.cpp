#include "sim/timing/tile_timing.h"

#include <algorithm>
#include <utility>

#include "sim/timing/bank_model.h"

namespace timing {

using isa::Cls;
using isa::Fmt;
using isa::Op;

TileTiming::TileTiming(const cfg::ChipParams& p, xtile::DramView dram, DmaTiming& dma)
    : cfg_(p.hw), dma_(dma),
      machine_(p.hw.tile.registers, p.spad_bytes + p.acc_bytes, p.hw.scratchpad.banks, p.hw.scratchpad.bank_width, p.hw.dma.queues, dram,
               p.hw.tile.mac.engines, p.hw.chip.cores, p.hw.tile.mac.rows, p.hw.tile.mac.cols, p.acc_bytes),
      queue_(p.hw.tile.queue_depth),
      vec_ii_(p.vec_ii),
      spad_written_(machine_.spad().bank_width_shift()), spad_read_(machine_.spad().bank_width_shift()), queues_(p.hw.dma.queues) {
  const cfg::HwConfig& c = p.hw;
  ldst_free_.assign(c.scratchpad.ports, 0);
  for (int f = 0; f < isa::kNumFormats; ++f) {
    mac_ii_[f] = p.mac_ii[f];
    mac_fill_[f] = p.mac_latency[f] - p.mac_ii[f];
  }
  spad_only_bytes_ = p.spad_bytes;
  group_rows_ = cfg::MacTiming::group_rows(c.tile.mac);
  group_cols_ = cfg::MacTiming::group_cols(c.tile.mac);
  bank_cache_.resize(4096);
  bank_period_ = p.bank_period;
  macs_per_engine_.assign(c.tile.mac.engines, 0);
  engines_ = make_engines(p, machine_);  // the registry's kind tile.mac.engine (a ConfigError if it cannot)
  if (engines_.size() == 1) sole_cpp_ = dynamic_cast<CppMacEngine*>(engines_[0].get());
}

const TileStats& TileTiming::stats() const {
  stats_.mma_int8 = stats_.mma_ternary = stats_.mma_int4 = stats_.macs = stats_.mac_busy = 0;
  stats_.mma_treg_read_bytes = stats_.mma_treg_write_bytes = 0;
  for (const auto& f : isa::kFormats) {
    const uint64_t n = mma_count_[static_cast<int>(f.id)], nb = blk_count_[static_cast<int>(f.id)];
    // A tile MMA reads A (16 x k), B (k x 16) and C (1 KiB) from the tile registers and writes C.
    stats_.mma_treg_read_bytes += n * (2u * f.k * (f.a_bits + f.b_bits) + 1024);
    stats_.mma_treg_write_bytes += n * 1024;
    (f.b_bits == 2 ? stats_.mma_ternary : f.b_bits == 4 ? stats_.mma_int4 : stats_.mma_int8) += n + nb;
    stats_.macs += (n + nb) * f.macs();
    stats_.mac_busy += n * mac_ii_[static_cast<int>(f.id)];
  }
  stats_.mac_busy += blk_busy_;
  stats_.treg_read_bytes = treg_read_ + stats_.mma_treg_read_bytes;
  stats_.treg_write_bytes = treg_write_ + stats_.mma_treg_write_bytes;
  stats_.dram_busy = dma_.memory().dram_busy_cycles();  // a chip-wide counter: DRAM is shared
  if (engines_.size() == 1) macs_per_engine_[0] = stats_.macs;
  return stats_;
}

uint64_t TileTiming::drain_time() const { return stats_.last_done; }

TileTiming::~TileTiming() { join(); }

void TileTiming::finish_pending() { stats_.ternary_invalid += pending_.get(); }

void TileTiming::execute(const core::XtInsn& in, core::XtResult& out) {
  join();
  switch (isa::row(in.op).cls) {
    case Cls::TileMac: return execute_mac(in, out);
    case Cls::TileMem: return execute_mem(in, out);
    case Cls::TileVec: return execute_vec(in, out);
    case Cls::TileDma: return execute_dma(in, out);
    case Cls::TileSync: return execute_sync(in, out);
    case Cls::TileBlk: return execute_blk(in, out);
    default: return fail(in, out, "not an Xtile instruction");
  }
}

void TileTiming::fail(const core::XtInsn& in, core::XtResult& out, const std::string& msg) {
  // The golden machine's messages already name the instruction; others get its mnemonic.
  const std::string prefix = std::string(isa::row(in.op).mnemonic) + ": ";
  fault_ = msg.compare(0, prefix.size(), prefix) == 0 ? msg : prefix + msg;
  out.fault = true;
  out.message = fault_.c_str();
}

uint64_t TileTiming::queue_stall(uint64_t cycle) {
  const uint64_t enq = queue_.admit(cycle);
  stats_.stall_queue_full += enq - cycle;
  if (trace_) trace_->span(trace_core_, stats::Trace::kCore, 0, "stall: tile queue full", cycle, enq);
  return enq;
}

uint64_t TileTiming::admit(const core::XtInsn& in, core::XtResult& out) {
  // Command queue admission: commands that started by `enq` have left the queue; if it is
  // still full, the core waits for the earliest start among those queued.
  const uint64_t enq = queue_stall(in.cycle);
  out.resume_cycle = enq;
  return enq;
}

void TileTiming::prune_interlocks(uint64_t now) {
  // Marks ending by `now` can no longer delay this or a later command. Only the commands that
  // consult the interlocks prune them: a mark left longer never delays anything either (every
  // caller takes the max with its dispatch cycle, which is later). See also mem_timing().
  spad_written_.prune(now);
  spad_read_.prune(now);
}

uint64_t TileTiming::mma(Op op, unsigned rd, unsigned ra, unsigned rb, uint64_t cycle) {
  join();
  if (!machine_.tiles_exist(rd, ra, rb)) return kUseExecute;
  const uint64_t disp = queue_stall(cycle);
  mma_timing(op, rd, ra, rb, disp);
  return disp;
}

void TileTiming::execute_mac(const core::XtInsn& in, core::XtResult& out) {
  if (machine_.tiles_ok(in)) {
    out.resume_cycle = mma(in.op, in.rd, in.rs1, in.rs2, in.cycle);
    return;
  }
  admit(in, out);
  ++stats_.insn_mac;
  fail(in, out, machine_.check_tiles(in));
}

__attribute__((always_inline)) inline void TileTiming::mma_timing(Op op, unsigned rd, unsigned ra, unsigned rb, uint64_t disp) {
  ++stats_.insn_mac;
  uint64_t* const ready = ready_;
  uint64_t* const read_done = read_done_;
  const uint64_t operands = std::max(std::max(ready[ra], ready[rb]), std::max(ready[rd], read_done[rd]));
  const uint64_t after_ops = std::max(disp, operands);
  MmaRequest r;
  r.format = isa::format_of(op);
  r.d = &machine_.tile(rd);
  r.a = &std::as_const(machine_).tile(ra);  // read-only: keeps what the machine knows
  r.b = &std::as_const(machine_).tile(rb);
  r.earliest = std::max(after_ops, mac_last_start_);
  MmaTiming tm;
  size_t ei = 0;
  if (sole_cpp_) {
    tm = sole_cpp_->CppMacEngine::mma(r);
  } else {  // the engine free first
    for (size_t i = 1; i < engines_.size(); ++i)
      if (engines_[i]->free_at() < engines_[ei]->free_at()) ei = i;
    if (engines_.size() > 1) macs_per_engine_[ei] += isa::format(r.format).macs();  // one engine: the total (see stats())
    tm = engines_[ei]->mma(r);
  }
  const uint32_t ii = mac_ii_[static_cast<int>(r.format)];
  // MMA counts, MACs and MAC busy cycles follow from the counts per format (stats()).
  ++mma_count_[static_cast<int>(r.format)];
  stats_.ternary_invalid += tm.invalid_codes;
  stats_.wait_operands += after_ops - disp;
  stats_.wait_unit += tm.start - after_ops;
  mac_last_start_ = tm.start;
  if (trace_) trace_->span(trace_core_, stats::Trace::kMac, uint32_t(ei), isa::row(op).mnemonic, tm.start, tm.start + ii);
  ready[rd] = tm.done;
  const uint64_t read_end = tm.start + ii;  // A and B stream in over II
  read_done[ra] = std::max(read_done[ra], read_end);
  read_done[rb] = std::max(read_done[rb], read_end);
  done_at(tm.done);
  queue_.push_mac(tm.start);
}

void TileTiming::execute_vec(const core::XtInsn& in, core::XtResult& out) {
  const isa::InsnRow& row = isa::row(in.op);
  const uint64_t disp = admit(in, out);
  ++stats_.insn_vec;
  xtile::ExecInfo& info = info_;
  machine_.execute(in, info);
  if (!info.fault.empty()) return fail(in, out, info.fault);
  // Write-after-write and write-after-read on the destination; read-after-write on sources
  // (row reductions also read their destination: it is in ready_ already).
  uint64_t operands = std::max(ready_[in.rd], read_done_[in.rd]);
  const bool reads_a = row.fmt == Fmt::TTT || row.fmt == Fmt::TT || row.fmt == Fmt::TTX;
  const bool reads_b = row.fmt == Fmt::TTT;
  if (reads_a) operands = std::max(operands, ready_[in.rs1]);
  if (reads_b) operands = std::max(operands, ready_[in.rs2]);
  const uint64_t earliest = std::max(disp, operands);
  const uint64_t start = std::max({earliest, vec_free_, vec_last_start_});
  vec_free_ = start + vec_ii_;
  vec_last_start_ = start;
  if (trace_) trace_->span(trace_core_, stats::Trace::kVector, 0, row.mnemonic, start, start + vec_ii_);
  const bool special = in.op == Op::XT_EXP2 || in.op == Op::XT_RCP;
  const uint64_t done = start + vec_ii_ + cfg_.tile.vector.latency + (special ? cfg_.tile.vector.special_latency : 0);
  ++stats_.vec_ops;
  stats_.vec_busy += vec_ii_;
  stats_.vec_elems += 256;  // a vector op reads and writes whole tile registers (1 KiB each)
  treg_read_ += 1024u * (unsigned(reads_a) + unsigned(reads_b));
  treg_write_ += 1024;
  stats_.wait_operands += earliest - disp;
  stats_.wait_unit += start - earliest;
  if (reads_a) read_done_[in.rs1] = std::max(read_done_[in.rs1], start + vec_ii_);
  if (reads_b) read_done_[in.rs2] = std::max(read_done_[in.rs2], start + vec_ii_);
  ready_[in.rd] = done;
  done_at(done);
  queue_.push_other(start);
}

uint64_t TileTiming::tile_mem(Op op, unsigned rd, uint32_t x1, uint32_t x2, uint64_t cycle) {
  join();
  // The values first: a fault leaves everything as it was (execute() then reports it).
  xtile::TileAccess a;
  if (!machine_.tile_mem(op, rd, x1, x2, a)) return kUseExecute;
  const uint64_t disp = queue_stall(cycle);
  mem_timing(op == Op::XT_TST_B || op == Op::XT_TST_W, rd, a, disp);
  return disp;
}

void TileTiming::execute_mem(const core::XtInsn& in, core::XtResult& out) {
  const uint64_t disp = admit(in, out);
  xtile::ExecInfo& info = info_;
  info.fault.clear();
  machine_.tile_mem(in, info);
  if (!info.fault.empty()) {
    ++stats_.insn_mem;
    return fail(in, out, info.fault);
  }
  mem_timing(in.op == Op::XT_TST_B || in.op == Op::XT_TST_W, in.rd, info.access, disp);
}

__attribute__((always_inline)) inline void TileTiming::mem_timing(bool store, unsigned rd, const xtile::TileAccess& a, uint64_t disp) {
  ++stats_.insn_mem;
  // Loads consult only the pending writes; the reads they mark are pruned where consulted (and
  // when they pile up).
  spad_written_.prune(disp);
  if (store || spad_read_.size() >= 32) spad_read_.prune(disp);
  const bool swz = machine_.cfg().swizzle != 0;
  BankCost bc;
  const uint64_t key = (uint64_t(a.addr & (bank_period_ - 1)) << 36) ^ (uint64_t(a.stride & (bank_period_ - 1)) << 14) ^
                       (uint64_t(a.rows) << 8) ^ (uint64_t(a.row_bytes) << 1) ^ uint64_t(swz);
  BankCacheEntry& ce = bank_cache_[((key * 0x9e3779b97f4a7c15ull) >> 52) & (bank_cache_.size() - 1)];  // Fibonacci hash
  if (ce.key == key && bank_period_ <= (1u << 20)) {
    bc.cycles = ce.cycles;
    bc.conflicts = ce.conflicts;
  } else {
    bc = bank_cost(machine_.spad(), a, swz);
    ce = {key, bc.cycles, bc.conflicts};
  }
  // Store: its data must be ready; load: write-after-write and write-after-read.
  const uint64_t operands = store ? ready_[rd] : std::max(ready_[rd], read_done_[rd]);
  const SpadRegion region{a.addr, a.stride, a.rows, a.row_bytes};
  const uint64_t dma_dep = store ? std::max(spad_read_.ready(region), spad_written_.ready(region)) : spad_written_.ready(region);
  const uint64_t after_ops = std::max(disp, operands);
  const uint64_t earliest = std::max(after_ops, dma_dep);
  size_t port = 0;
  for (size_t i = 1; i < ldst_free_.size(); ++i)
    if (ldst_free_[i] < ldst_free_[port]) port = i;
  const uint64_t start = std::max({earliest, ldst_free_[port], ldst_last_start_});
  ldst_free_[port] = start + bc.cycles;
  ldst_last_start_ = start;
  if (trace_) trace_->span(trace_core_, stats::Trace::kLoadStore, uint32_t(port), store ? "tile store" : "tile load", start, start + bc.cycles);
  const uint64_t done = start + bc.cycles + cfg_.tile.load_store_latency;
  (store ? stats_.tile_stores : stats_.tile_loads) += 1;
  const uint64_t bytes = uint64_t(a.rows) * a.row_bytes;
  (store ? treg_read_ : treg_write_) += bytes;
  sram_bytes(a.addr, bytes, store);
  stats_.ldst_busy += bc.cycles;
  stats_.bank_conflicts += bc.conflicts;
  stats_.wait_operands += after_ops - disp;
  stats_.wait_dma += earliest - after_ops;
  stats_.wait_unit += start - earliest;
  if (store) {
    spad_written_.mark(region, done);
    read_done_[rd] = std::max(read_done_[rd], start + bc.cycles);
  } else {
    spad_read_.mark(region, start + bc.cycles);
    ready_[rd] = done;
  }
  done_at(done);
  queue_.push_other(start);
}

void TileTiming::execute_dma(const core::XtInsn& in, core::XtResult& out) {
  const uint64_t disp = admit(in, out);
  prune_interlocks(disp);
  ++stats_.insn_dma;
  xtile::ExecInfo& info = info_;
  machine_.execute(in, info);
  if (!info.fault.empty()) return fail(in, out, info.fault);
  const xtile::DmaDesc& d = info.desc;
  const uint32_t row_bytes = d.box_cols * d.elem;
  const bool to_spad = in.op == Op::XT_DMA_LD;
  const uint64_t dep = to_spad ? std::max(spad_read_.ready({in.rs3_val, d.spad_pitch, d.box_rows, row_bytes}),
                                          spad_written_.ready({in.rs3_val, d.spad_pitch, d.box_rows, row_bytes}))
                               : spad_written_.ready({in.rs3_val, d.spad_pitch, d.box_rows, row_bytes});
  // A queue holds dma.queue_depth transfers: completed ones leave it, and a DMA to a full queue
  // starts when the oldest outstanding one completes (this also bounds what the host keeps).
  Queue& q = queues_[d.queue];
  q.done.erase(q.done.begin(), q.done.upper_bound(disp));
  uint64_t slot = 0;
  if (q.done.size() >= cfg_.dma.queue_depth) {
    auto oldest = q.done.begin();
    std::advance(oldest, q.done.size() - cfg_.dma.queue_depth);
    slot = *oldest;
  }
  const uint64_t start = std::max(std::max(disp, dep), slot);
  stats_.wait_dma += start - disp;
  // No later DMA of any core starts before this one's issue cycle: the chip books DMAs in
  // simulated-time order of issue (DMA instructions synchronise the harts).
  const BusTransfer req = dma_.transfer(d.queue, start, in.cycle, !to_spad, info.dma.dram_segments);
  ++stats_.dma_transfers;
  (to_spad ? stats_.dma_bytes_in : stats_.dma_bytes_out) += info.dma.bytes;
  sram_bytes(in.rs3_val, info.dma.bytes, to_spad);
  stats_.dram_bursts += req.bursts;
  if (to_spad) spad_written_.mark({in.rs3_val, d.spad_pitch, d.box_rows, row_bytes}, req.done);
  else spad_read_.mark({in.rs3_val, d.spad_pitch, d.box_rows, row_bytes}, req.done);
  q.done.insert(req.done);
  if (trace_) {
    trace_->span(trace_core_, stats::Trace::kDma, d.queue, to_spad ? "dma load" : "dma store", start, req.done, info.dma.bytes);
    trace_->counter_delta(trace_core_, "DMA transfers in flight", start, 1);
    trace_->counter_delta(trace_core_, "DMA transfers in flight", req.done, -1);
    trace_->traffic(trace_core_, start, req.done, info.dma.bytes);
    if (trace_->sample_due(start)) {  // the shared memory system, at most every 256 cycles
      const MemorySystem& m = dma_.memory();
      for (unsigned c = 0; c < cfg_.dram.channels; ++c) trace_->busy_sample(stats::Trace::kDramChannel, c, start, m.channel_busy(c));
      if (cfg_.l2.size_kib) trace_->busy_sample(stats::Trace::kL2, 0, start, m.l2_busy());
      trace_->busy_sample(stats::Trace::kInterconnect, 0, start, m.interconnect_busy());
    }
  }
  out.rd_value = static_cast<uint32_t>(++q.issued);
  done_at(req.done);
  queue_.push_other(start);
}

void TileTiming::execute_sync(const core::XtInsn& in, core::XtResult& out) {
  const uint64_t enq = admit(in, out);  // sync instructions do not enter the queue
  prune_interlocks(enq);
  ++stats_.insn_sync;
  xtile::ExecInfo& info = info_;
  machine_.execute(in, info);
  if (!info.fault.empty()) return fail(in, out, info.fault);
  out.rd_value = info.rd_value;
  if (in.op == Op::XT_WAIT) {
    // Resume when at most x2 transfers of queue x1 are still outstanding.
    // The queue holds completions in order (at most dma.queue_depth): no copy, no sort.
    Queue& q = queues_[in.rs1_val];
    q.done.erase(q.done.begin(), q.done.upper_bound(enq));
    uint64_t until = enq;
    if (q.done.size() > in.rs2_val) {
      auto it = q.done.rbegin();
      std::advance(it, in.rs2_val);  // the (x2+1)-th latest completion
      until = std::max(until, *it);
    }
    q.done.erase(q.done.begin(), q.done.upper_bound(until));
    stats_.stall_dma_wait += until - enq;
    if (trace_) trace_->span(trace_core_, stats::Trace::kCore, 0, "stall: xt.wait (DMA)", enq, until);
    out.resume_cycle = until;
  } else if (in.op == Op::XT_FENCE || in.op == Op::XT_STAT) {
    const uint64_t until = std::max(enq, drain_time());
    stats_.stall_sync += until - enq;
    if (trace_) trace_->span(trace_core_, stats::Trace::kCore, 0, in.op == Op::XT_FENCE ? "stall: xt.fence" : "stall: xt.stat", enq, until);
    out.resume_cycle = until;
    for (auto& q : queues_) q.done.clear();
    queue_.clear();
    if (in.op == Op::XT_STAT) {
      uint64_t v = 0;
      const uint32_t id = in.rs1_val & (xtile::kAbi_STAT_HI - 1);
      if (!stats().get(id, v)) return fail(in, out, "no counter " + std::to_string(id) + " (docs/tile-unit.md lists them)");
      if (id == 0) v = until;
      out.rd_value = static_cast<uint32_t>((in.rs1_val & xtile::kAbi_STAT_HI) ? v >> 32 : v);
    }
  }
}

}  // namespace timing

namespace timing {

void TileTiming::execute_blk(const core::XtInsn& in, core::XtResult& out) {
  if (in.op == Op::XT_SMX_BLK) return execute_smx(in, out);
  const uint64_t disp = admit(in, out);
  ++stats_.insn_mac;
  xtile::BlockMma b;
  const std::string e = machine_.block_args(in, b);
  if (!e.empty()) return fail(in, out, e);
  const int f = static_cast<int>(b.format);
  const SpadRegion ra{b.a, b.pa, 16 * b.bm, b.bk * b.a_kbytes},
      rb = b.bt ? SpadRegion{b.b, b.pb, 16 * b.bk, 16 * b.bn} : SpadRegion{b.b, b.pb, 16 * b.bn, b.bk * b.b_kbytes},
      rc{b.c, b.pc, 16 * b.bm, 64 * b.bn}, rs = b.scale ? SpadRegion{b.sa, 64, b.bm, 64} : SpadRegion{};
  // MAC time: groups of group_rows x group_cols C tiles, one per engine at a time, in waves.
  const uint32_t gr = group_rows_, gc = group_cols_, grows = (b.bm + gr - 1) / gr, gcols = (b.bn + gc - 1) / gc;
  const uint32_t groups = grows * gcols, E = static_cast<uint32_t>(engines_.size());
  const uint32_t waves = (groups + E - 1) / E;
  const uint64_t t_mac = uint64_t(waves) * b.bk * mac_ii_[f];
  // Scratchpad time: each wave reads the A tiles of its group rows and the B tiles of its group
  // columns once per k step (broadcast to the engines that share them); C is read (unless zero)
  // and written once. All tile ports stream it.
  // C in the accumulator SRAM (after the scratchpad proper) has its own ports beside the arrays.
  const bool c_in_acc = b.c >= spad_only_bytes_;
  const uint64_t c_bytes = uint64_t(b.bm) * b.bn * 1024;
  uint64_t bytes = c_in_acc ? 0 : uint64_t(b.zero ? 1 : 2) * c_bytes;
  if (b.scale && !c_in_acc) bytes += uint64_t(b.bm) * 64;  // alpha: beside C
  uint64_t a_bytes = 0, b_bytes = 0;  // A and B streamed over the waves
  for (uint32_t w = 0; w < waves; ++w) {
    const uint32_t g0 = w * E, g1 = std::min(groups, g0 + E);
    uint64_t rows_mask_a = 0, cols_mask_b = 0;  // bm <= 32, bn <= 16: at most 32 groups each way
    for (uint32_t g = g0; g < g1; ++g) {
      rows_mask_a |= 1ull << (g / gcols);
      cols_mask_b |= 1ull << (g % gcols);
    }
    uint32_t a_tiles = 0, b_tiles = 0;
    for (uint32_t gi = 0; gi < grows; ++gi)
      if (rows_mask_a >> gi & 1) a_tiles += std::min(gr, b.bm - gi * gr);
    for (uint32_t gj = 0; gj < gcols; ++gj)
      if (cols_mask_b >> gj & 1) b_tiles += std::min(gc, b.bn - gj * gc);
    a_bytes += uint64_t(b.bk) * 16 * a_tiles * b.a_kbytes;
    b_bytes += uint64_t(b.bk) * 16 * b_tiles * b.b_kbytes;
  }
  bytes += a_bytes + b_bytes;
  const uint64_t port_bytes = uint64_t(ldst_free_.size()) * cfg_.scratchpad.banks * cfg_.scratchpad.bank_width;
  const uint64_t t_spad = (bytes + port_bytes - 1) / port_bytes;
  // Waves follow one another (groups in row-major order): C tile row i is first touched by wave
  // first(i) and complete after wave last(i). A block accumulating into C rows that an earlier
  // block still computes chains on them: wave w may start once the rows it touches are ready.
  const uint64_t wave_t = (std::max(t_mac, t_spad) + waves - 1) / waves;
  auto first_wave = [&](uint32_t i) { return (i / gr) * gcols / E; };
  auto last_wave = [&](uint32_t i) { return ((i / gr) * gcols + gcols - 1) / E; };
  auto c_row = [&](uint32_t i) { return SpadRegion{b.c + 16 * i * b.pc, b.pc, 16, 64 * b.bn}; };
  prune_interlocks(disp);
  // Operands from pending DMAs; C also waits for a DMA still reading it (a store of the last block).
  uint64_t dep = std::max({spad_written_.ready(ra), spad_written_.ready(rb), spad_read_.ready(rc), spad_written_.ready(rs)});
  for (uint32_t i = 0; i < b.bm; ++i) {
    const uint64_t r = spad_written_.ready(c_row(i)), lead = first_wave(i) * wave_t;
    dep = std::max(dep, r > lead ? r - lead : 0);
  }
  // The block takes every engine and the tile ports; it starts in order with MMAs and tile accesses.
  uint64_t units = std::max(mac_last_start_, ldst_last_start_);
  for (const auto& en : engines_) units = std::max(units, en->free_at());
  for (uint64_t p : ldst_free_) units = std::max(units, p);
  const uint64_t start = std::max({disp, dep, units});
  uint64_t done = start + std::max(t_mac + mac_fill_[f], t_spad + cfg_.tile.load_store_latency);
  uint32_t invalid = 0;
  if (engines_[0]->golden_values()) {
    // The values do not decide any timing: on a worker when the chip has host threads (this
    // unit's next instruction waits for them: join()), else now.
    if (pool_ && pool_->threads()) {
      xtile::XtileMachine* const m = &machine_;
      pending_ = pool_->run([m, b] { return m->block_mma(b); });
    } else {
      invalid = machine_.block_mma(b);
    }
    for (auto& en : engines_) en->hold(start + t_mac);
  } else {  // the engines compute the values: tile by tile, C tiles round robin over them
    xtile::Tile at, bt, d;
    for (uint32_t i = 0; i < b.bm; ++i)
      for (uint32_t j = 0; j < b.bn; ++j) {
        MacEngine& en = *engines_[(i * b.bn + j) % E];
        machine_.block_c(b, i, j, d);
        for (uint32_t kk = 0; kk < b.bk; ++kk) {
          machine_.block_a(b, i, kk, at);
          machine_.block_b(b, j, kk, bt);
          MmaRequest r;
          r.format = b.format;
          r.d = &d;
          r.a = &at;
          r.b = &bt;
          r.earliest = start;
          const MmaTiming tm = en.mma(r);
          invalid += tm.invalid_codes;
          done = std::max(done, tm.done);
        }
        machine_.block_c_store(b, i, j, d);
      }
  }
  if (trace_)
    for (uint32_t e = 0; e < std::min(groups, E); ++e) trace_->span(trace_core_, stats::Trace::kMac, e, "xt.mma.blk", start, start + t_mac);
  blk_count_[f] += b.mmas();
  blk_busy_ += t_mac * std::min(groups, E);
  // SRAM traffic: A and B as streamed, C read unless zeroed and written once, alpha read.
  sram_bytes(b.a, a_bytes, false, true);
  sram_bytes(b.b, b_bytes, false, true);
  if (!b.zero) sram_bytes(b.c, c_bytes, false, true);
  sram_bytes(b.c, c_bytes, true, true);
  if (b.scale) sram_bytes(b.sa, uint64_t(b.bm) * 64, false, true);
  stats_.ternary_invalid += invalid;
  stats_.ldst_busy += t_spad;
  stats_.wait_dma += std::max(disp, dep) - disp;
  stats_.wait_unit += start - std::max(disp, dep);
  mac_last_start_ = start;
  ldst_last_start_ = start;
  for (uint64_t& p : ldst_free_) p = start + t_spad;
  // Operands stream in as the k steps consume them: A and B are read until the MACs finish.
  const uint64_t read_end = start + std::max(t_mac, t_spad);
  spad_read_.mark(ra, read_end);
  spad_read_.mark(rb, read_end);
  spad_read_.mark(rs, read_end);
  for (uint32_t i = 0; i < b.bm; ++i)
    spad_written_.mark(c_row(i), done - (waves - 1 - last_wave(i)) * wave_t);
  done_at(done);
  queue_.push_mac(start);
  out.rd_value = static_cast<uint32_t>(b.mmas());
}

void TileTiming::execute_smx(const core::XtInsn& in, core::XtResult& out) {
  const uint64_t disp = admit(in, out);
  ++stats_.insn_vec;
  xtile::SoftmaxStep sm;
  const std::string e = machine_.smx_args(in, sm);
  if (!e.empty()) return fail(in, out, e);
  // Each tile: the tile ops (mulq.x, [mask], [min], rmax, sub, exp2, rsum, quant.u) at vec_ii
  // cycles each and three ops on 16-element row vectors (alpha = exp2(M - M_new), L * alpha);
  // operands outside the accumulator SRAM also cross the tile ports (S read, M and L read and
  // written, P and alpha written). Tiles follow one another through the unit, so tile i's state
  // is ready `fill` after its own slot: the next step's tile i may start then (chaining).
  const uint32_t lanes = cfg_.tile.vector.lanes;
  const uint32_t tile_ops = 6 + (sm.causal ? 1 : 0) + (sm.keys < 16 ? 1 : 0);
  uint64_t tile_bytes = 0;
  if (sm.s < spad_only_bytes_) tile_bytes += 1024;
  if (sm.st < spad_only_bytes_) tile_bytes += 256;
  if (sm.out < spad_only_bytes_) tile_bytes += 320;
  const uint64_t port_bytes = uint64_t(ldst_free_.size()) * cfg_.scratchpad.banks * cfg_.scratchpad.bank_width;
  const uint64_t pt = std::max<uint64_t>(uint64_t(tile_ops) * vec_ii_ + (48 + lanes - 1) / lanes, (tile_bytes + port_bytes - 1) / port_bytes);
  // The last tile's values pass through mulq.x, [mask], [min], rmax, sub, exp2 (special), quant.u.
  const uint64_t fill = uint64_t(tile_ops - 1) * cfg_.tile.vector.latency + cfg_.tile.vector.special_latency;
  const uint64_t occupancy = pt * sm.m;
  prune_interlocks(disp);
  const SpadRegion rs{sm.s, sm.ps, 16 * sm.m, 64}, ro{sm.out, 64, 1, sm.out_bytes()};
  uint64_t dep = std::max({spad_written_.ready(rs), spad_written_.ready(ro), spad_read_.ready(ro)});
  for (uint32_t i = 0; i < sm.m; ++i) {  // tile i starts i slots after the first
    const SpadRegion ri{sm.st + 64 * i, xtile::SoftmaxStep::kLOffset, 2, 64};
    const uint64_t r = std::max(spad_written_.ready(ri), spad_read_.ready(ri)), lead = uint64_t(i) * pt;
    dep = std::max(dep, r > lead ? r - lead : 0);
  }
  const uint64_t earliest = std::max(disp, dep);
  uint64_t start = std::max({earliest, vec_free_, vec_last_start_});
  if (tile_bytes)
    for (uint64_t p : ldst_free_) start = std::max(start, p);
  machine_.smx(sm);
  vec_free_ = start + occupancy;
  vec_last_start_ = start;
  if (trace_) trace_->span(trace_core_, stats::Trace::kVector, 0, "xt.smx.blk", start, start + occupancy);
  if (tile_bytes)
    for (uint64_t& p : ldst_free_) p = start + occupancy;
  const uint64_t done = start + occupancy + fill;
  stats_.vec_ops += uint64_t(sm.m) * (tile_ops + 3);
  stats_.vec_elems += uint64_t(sm.m) * (tile_ops * 256 + 3 * 16);
  sram_bytes(sm.s, uint64_t(sm.m) * 1024, false);       // S
  sram_bytes(sm.st, uint64_t(sm.m) * 128, false);       // M and L
  sram_bytes(sm.st, uint64_t(sm.m) * 128, true);
  sram_bytes(sm.out, uint64_t(sm.m) * 320, true);       // P (u8) and alpha
  stats_.vec_busy += occupancy;
  if (tile_bytes) stats_.ldst_busy += occupancy;
  stats_.wait_operands += earliest - disp;
  stats_.wait_unit += start - earliest;
  spad_read_.mark(rs, start + occupancy);
  for (uint32_t i = 0; i < sm.m; ++i) {
    const SpadRegion ri{sm.st + 64 * i, xtile::SoftmaxStep::kLOffset, 2, 64};
    spad_read_.mark(ri, start + (i + 1) * pt);
    spad_written_.mark(ri, start + (i + 1) * pt + fill);
  }
  spad_written_.mark(ro, done);
  done_at(done);
  queue_.push_other(start);
  out.rd_value = sm.m;
}

}  // namespace timing
