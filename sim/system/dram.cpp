#include "sim/system/dram.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstring>
#include <new>

namespace sys {

Dram::Dram(sc_core::sc_module_name name, const cfg::HwConfig& c)
    : sc_module(name), socket("socket"), base_(static_cast<uint32_t>(c.memory.dram_base)),
      size_(c.memory.dram_size_mib << 20),
      latency_(sc_core::sc_time(1e6 / double(c.clock.freq_mhz), sc_core::SC_PS)) {
  void* p = ::mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  mem_ = static_cast<uint8_t*>(p);
  socket.register_b_transport(this, &Dram::b_transport);
  socket.register_get_direct_mem_ptr(this, &Dram::get_direct_mem_ptr);
  socket.register_transport_dbg(this, &Dram::transport_dbg);
}

Dram::~Dram() { ::munmap(mem_, size_); }

void Dram::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  const uint64_t addr = gp.get_address();
  const unsigned len = gp.get_data_length();
  if (gp.get_byte_enable_ptr() || gp.get_streaming_width() < len) {
    gp.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    return;
  }
  if (!contains(addr, len)) {
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  uint8_t* p = host_ptr(static_cast<uint32_t>(addr));
  if (gp.is_read()) std::memcpy(gp.get_data_ptr(), p, len);
  else if (gp.is_write()) std::memcpy(p, gp.get_data_ptr(), len);
  delay += latency_;
  gp.set_dmi_allowed(true);
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

bool Dram::get_direct_mem_ptr(tlm::tlm_generic_payload&, tlm::tlm_dmi& dmi) {
  dmi.set_dmi_ptr(mem_);
  dmi.set_start_address(base_);
  dmi.set_end_address(base_ + size_ - 1);
  dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_READ_WRITE);
  dmi.set_read_latency(latency_);
  dmi.set_write_latency(latency_);
  return true;
}

unsigned Dram::transport_dbg(tlm::tlm_generic_payload& gp) {
  const uint64_t addr = gp.get_address();
  const unsigned len = gp.get_data_length();
  if (!contains(addr, len)) return 0;
  uint8_t* p = host_ptr(static_cast<uint32_t>(addr));
  if (gp.is_read()) std::memcpy(gp.get_data_ptr(), p, len);
  else std::memcpy(p, gp.get_data_ptr(), len);
  return len;
}

}  // namespace sys
