#include "sim/mem/dma.h"

namespace mem {

Dma::Dma(sc_core::sc_module_name name, const cfg::DmaConfig& c)
    : sc_module(name), req("req"), mem("mem"), cfg_(c), windows_(c.queues) {
  for (auto& w : windows_) w.slot_free.assign(c.max_in_flight, 0);
  req.register_b_transport(this, &Dma::b_transport);
}

void Dma::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time&) {
  auto* r = reinterpret_cast<DmaRequest*>(gp.get_data_ptr());
  // The DRAM target splits the segments into aligned bursts and times them against the queue's
  // window of bursts in flight.
  DramTransferExt ext;
  ext.start = r->start + cfg_.setup_cycles;
  ext.floor = r->floor;
  ext.segments = r->segments;
  ext.window = &windows_[r->queue];
  ext.done = ext.start;
  if (!r->segments->empty()) {
    tlm::tlm_generic_payload dgp;
    dgp.set_command(tlm::TLM_IGNORE_COMMAND);
    dgp.set_address(r->segments->front().first);
    dgp.set_data_length(0);
    dgp.set_extension(&ext);
    sc_core::sc_time d = sc_core::SC_ZERO_TIME;
    mem->b_transport(dgp, d);
    dgp.clear_extension(&ext);
  }
  r->done = ext.done;
  r->bursts = ext.bursts;
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

}  // namespace mem
