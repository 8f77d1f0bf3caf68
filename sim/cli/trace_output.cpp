#include "sim/cli/trace_output.h"

#include <cstdio>
#include <fstream>

#include "sim/cli/commands.h"

namespace cli {

void check_trace_options(TraceOptions& t, const std::string& max_events_text) {
  if (t.path.empty()) {
    if (!t.window.empty() || !max_events_text.empty()) throw UsageError("run: --trace-window and --trace-max-events need --trace PATH");
    return;
  }
  if (!t.window.empty()) {
    const size_t colon = t.window.find(':');
    if (colon == std::string::npos) throw UsageError("run: --trace-window " + t.window + ": expected FROM:TO in cycles (TO may be empty: to the end)");
    t.from = parse_unsigned("--trace-window FROM", t.window.substr(0, colon), 0, UINT64_MAX - 1);
    const std::string to = t.window.substr(colon + 1);
    t.to = to.empty() ? UINT64_MAX : parse_unsigned("--trace-window TO", to, 1, UINT64_MAX);
    if (t.to <= t.from) throw UsageError("run: --trace-window " + t.window + ": TO must be after FROM");
  }
  if (!max_events_text.empty()) t.max_events = parse_unsigned("--trace-max-events", max_events_text, 1, 1000000000);
  check_output_file("--trace", t.path);
}

std::unique_ptr<stats::Trace> attach_trace(const TraceOptions& t, sys::System& system) {
  if (t.path.empty()) return nullptr;
  auto tr = std::make_unique<stats::Trace>(t.from, t.to, t.max_events);
  system.set_trace(tr.get());
  return tr;
}

void write_trace(const TraceOptions& t, const stats::Trace& tr, const cfg::HwConfig& c, unsigned cores, const std::string& title) {
  std::ofstream f(t.path);
  tr.write(f, double(c.clock.freq_mhz), cores, title);
  if (!f) throw CantCreate("--trace " + t.path + ": cannot be written");
  if (tr.dropped())
    std::fprintf(stderr, "tilesim: --trace: %llu events kept, %llu dropped past --trace-max-events %llu (narrow it with --trace-window FROM:TO)\n",
                 static_cast<unsigned long long>(tr.kept()), static_cast<unsigned long long>(tr.dropped()),
                 static_cast<unsigned long long>(t.max_events));
}

}  // namespace cli
