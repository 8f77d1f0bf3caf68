#include "sim/system/chip_module.h"

#include <chrono>

#include "sim/system/run_control.h"

namespace sys {

ChipModule::ChipModule(sc_core::sc_module_name name, const cfg::HwConfig& c, core::HostWrite out,
                       const std::vector<core::Coprocessor*>& tiles, core::Reservations& resv)
    : sc_module(name),
      socket("socket"),
      period_(sc_core::sc_time(1e6 / double(c.clock.freq_mhz), sc_core::SC_PS)),
      quantum_cycles_(c.sim.quantum_cycles),
      max_cycles_(c.sim.max_cycles),
      resv_(&resv) {
  for (unsigned i = 0; i < c.chip.cores; ++i) {
    harts_.push_back(std::make_unique<core::Hart>(c.core, static_cast<core::Bus&>(*this), out));
    harts_.back()->set_hart_id(i);
    if (c.chip.cores > 1) harts_.back()->set_reservations(&resv);
    harts_.back()->set_coprocessor(tiles[i]);
  }
  SC_HAS_PROCESS(ChipModule);
  SC_THREAD(thread);
}

bool ChipModule::transport(tlm::tlm_command cmd, uint32_t addr, uint8_t* data, unsigned len) {
  tlm::tlm_generic_payload gp;
  gp.set_command(cmd);
  gp.set_address(addr);
  gp.set_data_ptr(data);
  gp.set_data_length(len);
  gp.set_streaming_width(len);
  gp.set_byte_enable_ptr(nullptr);
  gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  socket->b_transport(gp, delay);
  return gp.is_response_ok();
}

bool ChipModule::read(uint32_t addr, uint8_t* data, unsigned len) { return transport(tlm::TLM_READ_COMMAND, addr, data, len); }
bool ChipModule::write(uint32_t addr, const uint8_t* data, unsigned len) {
  return transport(tlm::TLM_WRITE_COMMAND, addr, const_cast<uint8_t*>(data), len);
}

void ChipModule::thread() {
  // Ask the memory for a direct pointer once: the hot path is then a plain memory access.
  tlm::tlm_generic_payload gp;
  tlm::tlm_dmi dmi;
  gp.set_address(0);
  gp.set_command(tlm::TLM_READ_COMMAND);
  if (socket->get_direct_mem_ptr(gp, dmi))
    for (auto& h : harts_)
      h->set_dmi(dmi.get_dmi_ptr(), static_cast<uint32_t>(dmi.get_start_address()),
                 static_cast<uint32_t>(dmi.get_end_address() - dmi.get_start_address() + 1));
  std::vector<core::Hart*> hs;
  for (auto& h : harts_) hs.push_back(h.get());
  HartScheduler sched(hs, quantum_cycles_, harts_.size() > 1 ? resv_ : nullptr);
  RunControl& rc = run_control();
  auto last_report = std::chrono::steady_clock::now();
  // Between quanta: SystemC time catches up with the chip's, then host control (never results).
  auto between = [&](uint64_t now) {
    const sc_core::sc_time t = period_ * double(now);
    if (t > sc_core::sc_time_stamp()) sc_core::wait(t - sc_core::sc_time_stamp());
    ++syncs_;
    if (rc.interrupt.load(std::memory_order_relaxed)) return false;
    if (rc.progress) {
      const auto wall = std::chrono::steady_clock::now();
      if (std::chrono::duration<double>(wall - last_report).count() >= rc.progress_period_s) {
        last_report = wall;
        uint64_t instret = 0;
        for (const auto& h : harts_) instret += h->instret();
        rc.progress(now, instret);
      }
    }
    return true;
  };
  const HartScheduler::Result r = sched.run(max_cycles_, between);
  slices_ = sched.slices();
  ended_by_ = r.hart;
  switch (r.end) {
    case HartScheduler::End::Exit: outcome_ = Outcome::Exit; break;
    case HartScheduler::End::Fault: outcome_ = Outcome::Fault; break;
    case HartScheduler::End::Watchdog: outcome_ = Outcome::Watchdog; break;
    case HartScheduler::End::Interrupted: outcome_ = Outcome::Interrupted; break;
    case HartScheduler::End::Parked:
      outcome_ = Outcome::Fault;
      all_parked_ = true;
      break;
  }
  sc_core::sc_stop();
}

}  // namespace sys
