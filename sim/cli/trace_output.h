#pragma once
// `--trace PATH [--trace-window FROM:TO] [--trace-max-events N]` of `tilesim run` (docs/trace.md):
// options checked before the run, the trace attached to every core's tile unit, the file written
// after it.
#include <cstdint>
#include <memory>
#include <string>

#include "sim/cfg/hw_config.h"
#include "sim/stats/trace.h"
#include "sim/system/system.h"

namespace cli {

struct TraceOptions {
  std::string path, window;
  uint64_t from = 0, to = UINT64_MAX, max_events = 2000000;
};

/// Parses the window and checks the path (UsageError / CantCreate), before any input is made.
void check_trace_options(TraceOptions& t, const std::string& max_events_text);
/// A trace attached to every tile unit of `system`, or nullptr when no --trace.
std::unique_ptr<stats::Trace> attach_trace(const TraceOptions& t, sys::System& system);
/// Writes the file; a notice on stderr when events were dropped.
void write_trace(const TraceOptions& t, const stats::Trace& tr, const cfg::HwConfig& c, unsigned cores, const std::string& title);

}  // namespace cli
