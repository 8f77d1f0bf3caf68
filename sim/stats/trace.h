#pragma once
// A timeline of unit activity (`tilesim run --trace PATH`, docs/trace.md) in the Chrome /
// Perfetto trace-event JSON format: one process per core (plus one for the chip's memory),
// one thread per unit (the core's stalls, each MAC engine, the vector unit, each load/store
// port, each DMA queue), complete events for busy spans, counter tracks for queue depths and
// bandwidth. Events outside the window [from, to) in cycles are not kept; past `max_events`
// none are kept and the file says how many were dropped. The timing model calls it only when a
// trace was asked for (a null pointer otherwise).
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace stats {

class Trace {
 public:
  enum Unit : uint8_t { kCore = 0, kMac, kVector, kLoadStore, kDma, kMemory, kUnits };
  Trace(uint64_t from, uint64_t to, uint64_t max_events) : from_(from), to_(to), max_(max_events) {}

  /// A busy span [start, end) of unit `u` number `index` of `core`; `name` is a static string.
  void span(uint32_t core, Unit u, uint32_t index, const char* name, uint64_t start, uint64_t end, uint64_t bytes = 0);
  /// A counter's change by `delta` at cycle t (tracks are integrated when written).
  void counter_delta(uint32_t core, const char* name, uint64_t t, double delta);
  /// The chip's shared units whose busy cycles are sampled.
  enum Shared : uint8_t { kDramChannel = 0, kL2, kInterconnect };
  /// A cumulative busy-cycle count of shared unit `u` number `index` at cycle t: drawn on the
  /// chip's process as the % of cycles busy between samples.
  void busy_sample(Shared u, uint32_t index, uint64_t t, uint64_t busy_cycles);
  /// True at most once per `every` cycles of simulated time (samples of the shared units).
  bool sample_due(uint64_t t, uint64_t every = 256) {
    if (t < next_sample_) return false;
    next_sample_ = t + every;
    return true;
  }
  /// `bytes` moved evenly over [start, end): the per-core and chip-wide bandwidth tracks.
  void traffic(uint32_t core, uint64_t start, uint64_t end, uint64_t bytes);

  /// Events stored (spans, counter changes, transfers, samples: all count toward max_events).
  uint64_t kept() const { return ev_.size() + flows_.size() + samples_; }
  uint64_t dropped() const { return dropped_; }
  /// Writes the JSON. `mhz`: the clock (timestamps in microseconds); `cores`: the processes (one
  /// more for the chip); `title` goes into otherData.
  void write(std::ostream& o, double mhz, uint32_t cores, const std::string& title) const;

 private:
  struct Ev {
    uint64_t start, end;
    double value;
    const char* name;
    uint32_t core;
    uint16_t index;
    uint8_t unit;
    uint8_t kind;  // 0 span, 1 counter delta
  };
  /// Whether there is room for one more event (counting the ones that do not fit).
  bool room();
  struct Flow {
    uint32_t core;
    uint64_t start, end, bytes;
  };
  uint64_t from_, to_, max_, dropped_ = 0, next_sample_ = 0, samples_ = 0;
  std::map<std::pair<uint8_t, uint32_t>, std::vector<std::pair<uint64_t, uint64_t>>> busy_;  // (unit, index) -> (t, busy)
  std::vector<Ev> ev_;
  std::vector<Flow> flows_;
};

}  // namespace stats
