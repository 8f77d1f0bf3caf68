#include "rtl/sim/verify.h"

#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <random>
#include <string>

#include "isa/formats.h"
#include "rtl/sim/rtl_array.h"
#include "sim/cfg/config_error.h"
#include "sim/timing/mac_engine.h"
#include "sim/xtile/machine.h"
#include "sim/xtile/ops.h"

namespace rtl {
namespace {

struct Case {
  isa::Format format;
  std::string bin;
  bool bubble;  // leave idle cycles before this one
  xtile::Tile a, b, c;
};

Case make_case(std::mt19937& rng, uint32_t i) {
  Case k;
  k.format = static_cast<isa::Format>(i % isa::kNumFormats);
  k.bubble = false;
  auto rnd = [&](xtile::Tile& t) { for (auto& x : t.b) x = static_cast<uint8_t>(rng()); };
  rnd(k.a);
  rnd(k.b);
  rnd(k.c);
  switch ((i / isa::kNumFormats) % 8) {
    case 0: k.bin = "random"; break;
    case 1: k.bin = "-128 x -128"; std::memset(k.a.b, 0x80, 256); std::memset(k.b.b, 0x80, 256); break;
    case 2: k.bin = "extremes"; for (int j = 0; j < 256; ++j) { k.a.b[j] = j & 1 ? 0x7f : 0x80; k.b.b[j] = j & 2 ? 0xff : 0x80; } break;
    case 3: k.bin = "int32 wrap"; xtile::fill(k.c, 0x7fffff00); std::memset(k.a.b, 0x7f, 256); std::memset(k.b.b, 0x7f, 256); break;
    case 4: k.bin = "zeros"; std::memset(k.a.b, 0, 256); xtile::fill(k.c, -5); break;
    case 5: k.bin = "every ternary code"; for (int j = 0; j < 256; ++j) k.b.b[j] = static_cast<uint8_t>(0xe4 ^ j); break;  // codes 0,1,2,3
    case 6: k.bin = "bubbles"; k.bubble = true; break;
    default: k.bin = "back-to-back"; break;
  }
  return k;
}

}  // namespace

int verify(const cfg::HwConfig& c, const VerifyOptions& o) {
  const timing::EngineKind* rtl_kind = timing::find_engine("rtl");
  const std::string why = rtl_kind ? rtl_kind->supports(c.tile.mac) : "the rtl engine is not in this build";
  if (!why.empty()) throw cfg::ConfigError("tile.mac: verify-rtl: " + why);
  auto arr = rtl::make_rtl_array(c.tile.mac);
  // The expected values: the golden machine's one MMA dispatcher (the kernels of TILESIM_KERNELS).
  const xtile::XtileMachine golden(32, 1024, 1, 16, 1, xtile::DramView{}, 1);
  if (!o.vcd.empty()) arr->trace(o.vcd);
  arr->reset();
  std::mt19937 rng(o.seed);
  std::deque<Case> todo;  // cases are made as they are needed: memory does not grow with --cases
  uint32_t made = 0;

  struct InFlight { Case k; uint64_t start; };
  std::deque<InFlight> flight;
  std::map<std::string, uint32_t> per_mode, per_bin;
  uint64_t last_start = 0;
  bool have_last = false;
  isa::Format last_format = isa::Format::Int8SS;
  uint32_t done = 0, idle = 0, back_to_back = 0;
  int32_t got[256];
  const uint64_t limit = uint64_t(o.cases) * 2000 + 10000;
  while (done < o.cases) {
    if (arr->cycle() > limit) {
      std::fprintf(stderr, "verify-rtl: RTL stopped producing results at cycle %llu\n", (unsigned long long)arr->cycle());
      return kMismatch;
    }
    if (todo.empty() && made < o.cases) todo.push_back(make_case(rng, made++));
    bool start = false;
    if (!todo.empty() && arr->ready()) {
      if (todo.front().bubble && idle < 3) {
        ++idle;  // a few idle cycles before this case
      } else {
        start = true;
        idle = 0;
      }
    }
    const Case* k = start ? &todo.front() : nullptr;
    arr->drive(start, k ? isa::format(k->format).rtl_mode : 0, k ? k->a.b : nullptr, k ? k->b.b : nullptr,
               k ? reinterpret_cast<const int32_t*>(k->c.b) : nullptr);
    if (start) {
      // Back-to-back issue: the array must accept a new MMA exactly II cycles after the last.
      if (have_last && !k->bubble) {
        const uint64_t ii = timing::MacTiming::ii(c.tile.mac, last_format);
        if (arr->cycle() - last_start != ii) {
          std::fprintf(stderr, "verify-rtl: MISMATCH issue interval: MMA %u (%s) started %llu cycles after the previous, II is %llu\n",
                       done + uint32_t(flight.size()), isa::row(isa::format(k->format).op).mnemonic, (unsigned long long)(arr->cycle() - last_start),
                       (unsigned long long)ii);
          return kMismatch;
        }
        ++back_to_back;
      }
      flight.push_back({*k, arr->cycle()});
      last_start = arr->cycle();
      last_format = k->format;
      have_last = true;
      todo.pop_front();
    }
    if (arr->out_valid()) {
      if (flight.empty()) {
        std::fprintf(stderr, "verify-rtl: MISMATCH: result at cycle %llu with no MMA in flight\n", (unsigned long long)arr->cycle());
        return kMismatch;
      }
      InFlight f = flight.front();
      flight.pop_front();
      const uint64_t lat = timing::MacTiming::latency(c.tile.mac, f.k.format) + static_cast<uint64_t>(o.inject);
      const uint64_t took = arr->cycle() - f.start;
      xtile::Tile want = f.k.c;
      golden.mma(f.k.format, want, f.k.a, f.k.b);
      arr->out_c(got);
      if (took != lat) {
        std::fprintf(stderr, "verify-rtl: MISMATCH cycles: MMA %u (%s, %s) started at cycle %llu, done after %llu cycles; the model says %llu\n",
                     done, isa::row(isa::format(f.k.format).op).mnemonic, f.k.bin.c_str(), (unsigned long long)f.start, (unsigned long long)took,
                     (unsigned long long)lat);
        return kMismatch;
      }
      for (int e = 0; e < 256; ++e)
        if (got[e] != want.w(e / 16, e % 16)) {
          std::fprintf(stderr, "verify-rtl: MISMATCH value: MMA %u (%s, %s), element [%d][%d]: expected %d, got %d (done at cycle %llu)\n",
                       done, isa::row(isa::format(f.k.format).op).mnemonic, f.k.bin.c_str(), e / 16, e % 16, want.w(e / 16, e % 16), got[e],
                       (unsigned long long)arr->cycle());
          return kMismatch;
        }
      ++per_mode[isa::row(isa::format(f.k.format).op).mnemonic];
      ++per_bin[f.k.bin];
      ++done;
      if (o.progress) o.progress(done);
    }
    arr->tick();
  }
  std::printf("verify-rtl: %u MMAs on RTL %s agree with the golden model in every element and cycle\n", done,
              arr->geometry().name().c_str());
  std::printf("  latency / II in cycles:");
  for (const auto& fm : isa::kFormats)
    std::printf(" %s %u/%u", fm.name, timing::MacTiming::latency(c.tile.mac, fm.id), timing::MacTiming::ii(c.tile.mac, fm.id));
  std::printf("; %u back-to-back issues checked; %llu RTL cycles\n", back_to_back, (unsigned long long)arr->cycle());
  std::printf("  per mode:");
  for (const auto& [m, n] : per_mode) std::printf(" %s %u", m.c_str(), n);
  std::printf("\n  per bin:");
  for (const auto& [b, n] : per_bin) std::printf(" [%s] %u", b.c_str(), n);
  std::printf("\n");
  return 0;
}

}  // namespace rtl
