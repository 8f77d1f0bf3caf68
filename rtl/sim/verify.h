#pragma once
// The RTL harness behind `tilesim verify-rtl`: random and corner-case MMAs of every number format
// (isa/formats.def) through the Verilated MAC array and through the golden machine's dispatcher;
// every output element, every latency and every back-to-back issue interval must agree.
#include <cstdint>
#include <functional>
#include <string>

#include "sim/cfg/hw_config.h"

namespace rtl {

struct VerifyOptions {
  uint32_t cases = 2000;
  uint32_t seed = 1;
  uint32_t inject = 0;  ///< cycles added to the model's latency (a self-test: must be caught)
  std::string vcd;      ///< write a waveform here ("" none)
  std::function<void(uint32_t done)> progress;
};

/// Exit status of the check: 0 when all agree (a summary on stdout), kMismatch (98) at the first
/// disagreement (described on stderr). Throws cfg::ConfigError when no engine/variant fits.
int verify(const cfg::HwConfig& c, const VerifyOptions& o);
constexpr int kMismatch = 98;

}  // namespace rtl
