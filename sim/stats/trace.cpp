#include "sim/stats/trace.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>
#include <utility>

namespace stats {
namespace {

const char* kUnitNames[Trace::kUnits] = {"core", "MAC engine", "vector unit", "load/store port", "DMA queue", "memory"};

std::string esc(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '"' || c == '\\') o += '\\';
    o += c;
  }
  return o;
}

}  // namespace

bool Trace::room() {
  if (kept() < max_) return true;
  ++dropped_;
  return false;
}

void Trace::span(uint32_t core, Unit u, uint32_t index, const char* name, uint64_t start, uint64_t end, uint64_t bytes) {
  if (end <= start || end <= from_ || start >= to_ || !room()) return;
  ev_.push_back({std::max(start, from_), std::min(end, to_), double(bytes), name, core, uint16_t(index), uint8_t(u), 0});
}

void Trace::counter_delta(uint32_t core, const char* name, uint64_t t, double delta) {
  // Changes before the window still count toward the value at its start.
  if (t >= to_ || !room()) return;
  ev_.push_back({std::max(t, from_), 0, delta, name, core, 0, kMemory, 1});
}

void Trace::busy_sample(Shared u, uint32_t index, uint64_t t, uint64_t busy_cycles) {
  if (t < from_ || t >= to_ || !room()) return;
  busy_[{uint8_t(u), index}].push_back({t, busy_cycles});
  ++samples_;
}

void Trace::traffic(uint32_t core, uint64_t start, uint64_t end, uint64_t bytes) {
  if (end <= start || end <= from_ || start >= to_ || !room()) return;
  flows_.push_back({core, start, end, bytes});
}

void Trace::write(std::ostream& o, double mhz, uint32_t cores, const std::string& title) const {
  auto us = [&](uint64_t c) { return double(c) / mhz; };
  char b[256];
  o << "{\"displayTimeUnit\": \"ns\", \"traceEvents\": [\n";
  bool first = true;
  auto emit = [&](const std::string& e) {
    o << (first ? "" : ",\n") << e;
    first = false;
  };
  // Names: a process per core and one for the chip; a thread per unit instance seen.
  const uint32_t chip = cores;
  for (uint32_t c = 0; c <= cores; ++c) {
    std::snprintf(b, sizeof b, "{\"ph\": \"M\", \"name\": \"process_name\", \"pid\": %u, \"args\": {\"name\": \"%s\"}}", c,
                  c == chip ? "chip memory" : ("core " + std::to_string(c)).c_str());
    emit(b);
    std::snprintf(b, sizeof b, "{\"ph\": \"M\", \"name\": \"process_sort_index\", \"pid\": %u, \"args\": {\"sort_index\": %u}}", c, c);
    emit(b);
  }
  // Spans in time order; a unit whose spans overlap (a DMA queue's transfers in flight together)
  // gets one thread per slot, the first free at each span's start, so that no thread's complete
  // events overlap (the format needs them nested).
  std::vector<const Ev*> spans;
  std::map<std::pair<uint32_t, std::string>, std::vector<const Ev*>> deltas;
  for (const Ev& e : ev_) {
    if (e.kind == 0) spans.push_back(&e);
    else deltas[{e.core, e.name}].push_back(&e);
  }
  std::stable_sort(spans.begin(), spans.end(), [](const Ev* a, const Ev* b) { return a->start < b->start; });
  std::map<std::tuple<uint32_t, uint8_t, uint16_t>, std::vector<uint64_t>> slots;  // each slot's last end
  std::vector<unsigned> tid_of(spans.size());
  std::map<std::pair<uint32_t, unsigned>, std::string> threads;
  for (size_t i = 0; i < spans.size(); ++i) {
    const Ev* e = spans[i];
    auto& ends = slots[{e->core, e->unit, e->index}];
    size_t k = 0;
    while (k < ends.size() && ends[k] > e->start) ++k;
    if (k == ends.size()) ends.push_back(0);
    ends[k] = e->end;
    const unsigned tid = e->unit * 65536u + e->index * 64u + unsigned(std::min<size_t>(k, 63));
    tid_of[i] = tid;
    if (!threads.count({e->core, tid})) {
      std::string name = e->unit == kCore ? "core: stalls" : std::string(kUnitNames[e->unit]) + " " + std::to_string(e->index);
      if (k) name += " (in flight " + std::to_string(k + 1) + ")";
      threads[{e->core, tid}] = name;
    }
  }
  for (const auto& [k, name] : threads) {
    std::snprintf(b, sizeof b, "{\"ph\": \"M\", \"name\": \"thread_name\", \"pid\": %u, \"tid\": %u, \"args\": {\"name\": \"%s\"}}", k.first,
                  k.second, name.c_str());
    emit(b);
    std::snprintf(b, sizeof b, "{\"ph\": \"M\", \"name\": \"thread_sort_index\", \"pid\": %u, \"tid\": %u, \"args\": {\"sort_index\": %u}}",
                  k.first, k.second, k.second);
    emit(b);
  }
  for (size_t i = 0; i < spans.size(); ++i) {
    const Ev* e = spans[i];
    const unsigned tid = tid_of[i];
    if (e->value > 0)
      std::snprintf(b, sizeof b, "{\"ph\": \"X\", \"name\": \"%s\", \"pid\": %u, \"tid\": %u, \"ts\": %.6f, \"dur\": %.6f, \"args\": {\"bytes\": %.0f}}",
                    e->name, e->core, tid, us(e->start), us(e->end - e->start), e->value);
    else
      std::snprintf(b, sizeof b, "{\"ph\": \"X\", \"name\": \"%s\", \"pid\": %u, \"tid\": %u, \"ts\": %.6f, \"dur\": %.6f}", e->name, e->core, tid,
                    us(e->start), us(e->end - e->start));
    emit(b);
  }
  // Counter tracks: deltas integrated (one sample per distinct time), values as given.
  for (auto& [key, evs] : deltas) {
    std::stable_sort(evs.begin(), evs.end(), [](const Ev* a, const Ev* b) { return a->start < b->start; });
    double v = 0;
    for (size_t i = 0; i < evs.size(); ++i) {
      v += evs[i]->value;
      if (i + 1 < evs.size() && evs[i + 1]->start == evs[i]->start) continue;
      std::snprintf(b, sizeof b, "{\"ph\": \"C\", \"name\": \"%s\", \"pid\": %u, \"ts\": %.6f, \"args\": {\"value\": %.6g}}", esc(key.second).c_str(),
                    key.first, us(evs[i]->start), v);
      emit(b);
    }
  }
  // Shared units: % busy between successive samples. Their counters are booked when a transfer
  // is issued, ahead of the data, so a window may be booked for more cycles than it has: the
  // excess is carried into the next windows (the unit works through its bookings at most one
  // cycle per cycle), which keeps every sample within 0..100 and the total busy time unchanged.
  for (const auto& [unit, samples] : busy_) {
    const std::string name = unit.first == kDramChannel ? "DRAM channel " + std::to_string(unit.second) + " busy %"
                             : unit.first == kL2        ? std::string("L2 busy %")
                                                        : std::string("interconnect busy %");
    uint64_t carry = 0;
    for (size_t i = 1; i < samples.size(); ++i) {
      const auto [t0, b0] = samples[i - 1];
      const auto [t1, b1] = samples[i];
      if (t1 <= t0) continue;
      const uint64_t work = (b1 >= b0 ? b1 - b0 : 0) + carry, done = std::min(work, t1 - t0);
      carry = work - done;
      const double pct = 100.0 * double(done) / double(t1 - t0);
      std::snprintf(b, sizeof b, "{\"ph\": \"C\", \"name\": \"%s\", \"pid\": %u, \"ts\": %.6f, \"args\": {\"value\": %.6g}}", name.c_str(),
                    chip, us(t0), pct);
      emit(b);
    }
  }
  // Bandwidth: each transfer's bytes spread evenly over its span, in 256 bins of the traced time.
  if (!flows_.empty()) {
    uint64_t lo = to_, hi = from_;
    for (const Flow& f : flows_) lo = std::min(lo, std::max(f.start, from_)), hi = std::max(hi, std::min(f.end, to_));
    const uint64_t bins = 256, width = std::max<uint64_t>(1, (hi - lo + bins - 1) / bins);
    std::vector<std::vector<double>> per(cores + 1, std::vector<double>(bins + 1, 0.0));
    for (const Flow& f : flows_) {
      const double rate = double(f.bytes) / double(f.end - f.start);
      for (uint64_t s = std::max(f.start, lo); s < std::min(f.end, hi);) {
        const uint64_t bin = (s - lo) / width, e = std::min(std::min(f.end, hi), lo + (bin + 1) * width);
        per[f.core][bin] += rate * double(e - s), per[cores][bin] += rate * double(e - s);
        s = e;
      }
    }
    for (uint32_t c = 0; c <= cores; ++c)
      for (uint64_t i = 0; i <= bins; ++i) {
        const double gbs = per[c][i] / double(width) * mhz * 1e6 / 1e9;  // bytes per cycle x cycles per second
        std::snprintf(b, sizeof b, "{\"ph\": \"C\", \"name\": \"DMA bandwidth GB/s\", \"pid\": %u, \"ts\": %.6f, \"args\": {\"value\": %.6g}}", c,
                      us(lo + i * width), gbs);
        emit(b);
      }
  }
  o << "\n], \"otherData\": {\"generator\": \"tilesim\", \"title\": \"" << esc(title) << "\", \"clock_mhz\": " << mhz << ", \"window_cycles\": \""
    << from_ << ":" << (to_ == UINT64_MAX ? std::string("end") : std::to_string(to_)) << "\", \"events_kept\": " << kept()
    << ", \"events_dropped\": " << dropped_ << "}}\n";
}

}  // namespace stats
