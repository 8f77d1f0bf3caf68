#include "sim/system/core_module.h"

#include <tlm_utils/tlm_quantumkeeper.h>

#include <algorithm>
#include <chrono>

#include "sim/system/run_control.h"

namespace sys {

CoreModule::CoreModule(sc_core::sc_module_name name, const cfg::HwConfig& c, core::HostWrite out, core::Coprocessor* tile)
    : sc_module(name),
      socket("socket"),
      hart_(std::make_unique<core::Hart>(c.core, static_cast<core::Bus&>(*this), std::move(out))),
      period_(sc_core::sc_time(1e6 / double(c.clock.freq_mhz), sc_core::SC_PS)),
      quantum_cycles_(c.sim.quantum_cycles),
      max_cycles_(c.sim.max_cycles) {
  hart_->set_coprocessor(tile);
  SC_HAS_PROCESS(CoreModule);
  SC_THREAD(thread);
}

bool CoreModule::transport(tlm::tlm_command cmd, uint32_t addr, uint8_t* data, unsigned len) {
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

bool CoreModule::read(uint32_t addr, uint8_t* data, unsigned len) { return transport(tlm::TLM_READ_COMMAND, addr, data, len); }
bool CoreModule::write(uint32_t addr, const uint8_t* data, unsigned len) {
  return transport(tlm::TLM_WRITE_COMMAND, addr, const_cast<uint8_t*>(data), len);
}

void CoreModule::thread() {
  // Ask the memory for a direct pointer once: the hot path is then a plain memory access.
  tlm::tlm_generic_payload gp;
  tlm::tlm_dmi dmi;
  gp.set_address(0);
  gp.set_command(tlm::TLM_READ_COMMAND);
  if (socket->get_direct_mem_ptr(gp, dmi)) {
    hart_->set_dmi(dmi.get_dmi_ptr(), static_cast<uint32_t>(dmi.get_start_address()),
                   static_cast<uint32_t>(dmi.get_end_address() - dmi.get_start_address() + 1));
  }
  tlm_utils::tlm_quantumkeeper qk;
  qk.set_global_quantum(period_ * double(quantum_cycles_));
  qk.reset();
  RunControl& rc = run_control();
  auto last_report = std::chrono::steady_clock::now();
  for (;;) {
    // Run to the end of the current quantum (or the watchdog), then let SystemC time catch up.
    const uint64_t start = hart_->cycle();
    const uint64_t left = std::max<uint64_t>(1, static_cast<uint64_t>((qk.get_global_quantum() - qk.get_local_time()) / period_));
    const uint64_t until = std::min(start + left, max_cycles_);
    const core::Stop st = hart_->run(until);
    qk.inc(period_ * double(hart_->cycle() - start));
    if (st == core::Stop::Exit) { outcome_ = Outcome::Exit; break; }
    if (st == core::Stop::Fault) { outcome_ = Outcome::Fault; break; }
    if (hart_->cycle() >= max_cycles_) { outcome_ = Outcome::Watchdog; break; }
    if (rc.interrupt.load(std::memory_order_relaxed)) { outcome_ = Outcome::Interrupted; break; }
    if (rc.progress) {
      const auto now = std::chrono::steady_clock::now();
      if (std::chrono::duration<double>(now - last_report).count() >= rc.progress_period_s) {
        last_report = now;
        rc.progress(hart_->cycle(), hart_->instret());
      }
    }
    if (qk.need_sync()) {
      qk.sync();
      ++syncs_;
    }
  }
  qk.sync();
  sc_core::sc_stop();
}

}  // namespace sys
