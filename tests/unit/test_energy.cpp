// The energy model in closed form (sim/energy/energy_model.h, docs/energy.md): counts x energy
// per action, the SRAM formula at Horowitz's points, node defaults and overrides, monotonicity,
// and the coverage rule: every counter the simulator reports is an action with an energy or is
// on the documented list of counters that are not actions.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <sstream>

#include "sim/cfg/config_io.h"
#include "sim/energy/energy_model.h"
#include "sim/report/workload_report.h"
#include "sim/stats/tile_stats.h"

namespace {
double line_pj(const energy::Breakdown& b, const std::string& key) {
  for (const auto& l : b.lines)
    if (l.key == key) return l.pj;
  FAIL("no line " << key);
  return 0;
}
std::set<std::string> energy_keys() {
  return {
#define ENERGY(key, unit, scale, base, doc) #key,
#include "sim/cfg/energy.def"
#undef ENERGY
  };
}
}  // namespace

TEST_CASE("energy: N MACs cost N x the energy per MAC; bytes and bits likewise", "[energy]") {
  const cfg::HwConfig c = cfg::load_config("", {"energy.mac_int8_pj=0.5", "energy.mac_ternary_pj=0.125", "energy.acc_update_pj=0.25",
                                               "energy.spad_read_pj_per_byte=2", "energy.dram_pj_per_bit=10",
                                               "energy.core_insn_pj=3"});
  energy::Activity a;
  a.macs_int8 = 4096 * 10;
  a.macs_ternary = 4096 * 3;
  a.tile_mmas = 13;
  a.spad_read = 1000;
  a.dram_bytes = 64;
  a.instructions = 7;
  const energy::Breakdown b = energy::estimate(c, a);
  CHECK(line_pj(b, "mac_int8_pj") == 40960 * 0.5);
  CHECK(line_pj(b, "mac_ternary_pj") == 12288 * 0.125);
  CHECK(line_pj(b, "acc_update_pj") == 13 * 256 * 0.25);
  CHECK(b.arith_pj == 40960 * 0.5 + 12288 * 0.125 + 13 * 256 * 0.25);
  CHECK(line_pj(b, "spad_read_pj_per_byte") == 2000);
  CHECK(line_pj(b, "dram_pj_per_bit") == 64 * 8 * 10);
  CHECK(line_pj(b, "core_insn_pj") == 21);
  CHECK(b.static_pj == 0);  // no time passed
  CHECK(b.total_pj == Approx(b.arith_pj + 2000 + 5120 + 21).epsilon(1e-12));
  // Static power: watts x seconds. The default chip: 1 core, 1 array, 32 lanes, 288 KiB of SRAM, 1 channel.
  a.seconds = 1e-3;
  const energy::Breakdown s = energy::estimate(c, a);
  const auto& e = c.energy;
  const double w = 1e-3 * (e.core_static_mw + e.mac_static_mw + e.vector_static_mw + e.sram_static_mw_per_mib * 288.0 / 1024 +
                           e.dram_static_mw_per_channel);
  CHECK(energy::static_watts(c) == Approx(w).epsilon(1e-12));
  CHECK(s.static_pj == Approx(w * 1e-3 * 1e12).epsilon(1e-9));
}

TEST_CASE("energy: doubling every count doubles the energy; more of any action never lowers it", "[energy]") {
  const cfg::HwConfig c = cfg::load_config(TILESIM_SOURCE_DIR "/configs/h100-scale.yaml", {});
  using A = energy::Activity;
  const std::vector<uint64_t A::*> fields = {&A::macs_int8,   &A::macs_ternary, &A::macs_int4,    &A::tile_mmas,  &A::treg_read,
                                             &A::treg_write,  &A::spad_read,    &A::spad_write,   &A::acc_read,   &A::acc_write,
                                             &A::vec_elems,   &A::dma_bytes,    &A::link_bytes,   &A::l2_hit_bytes,
                                             &A::l2_miss_bytes, &A::dram_bytes, &A::instructions};
  A a;
  uint64_t v = 1000;
  for (auto f : fields) a.*f = (v += 777);
  a.seconds = 1e-6;
  const double base = energy::estimate(c, a).total_pj;
  for (auto f : fields) {
    A more = a;
    more.*f += 1000;
    CHECK(energy::estimate(c, more).total_pj > base);
  }
  A d = a;
  for (auto f : fields) d.*f *= 2;
  d.seconds *= 2;
  CHECK(energy::estimate(c, d).total_pj == Approx(2 * base).epsilon(1e-12));
}

TEST_CASE("energy: the SRAM formula meets Horowitz's points; wider accesses cost less per byte", "[energy]") {
  // A 32-bit access: the 45 nm read energies of an 8 KB, 32 KB and 1 MB array, per byte.
  CHECK(cfg::sram_pj_per_byte_45nm(8 * 1024, 4) == Approx(5.0 / 4));
  CHECK(cfg::sram_pj_per_byte_45nm(32 * 1024, 4) == Approx(10.0 / 4));
  CHECK(cfg::sram_pj_per_byte_45nm(1024 * 1024, 4) == Approx(50.0 / 4));
  CHECK(cfg::sram_pj_per_byte_45nm(16 * 1024, 4) == Approx(5.0 * std::sqrt(2.0) / 4));  // log-log between
  // Half the access energy is per access: 64-byte rows cost (0.5 + 8) / 64 of a word per byte.
  CHECK(cfg::sram_pj_per_byte_45nm(32 * 1024, 64) == Approx(10.0 * 8.5 / 64));
  CHECK(cfg::sram_pj_per_byte_45nm(32 * 1024, 16) < cfg::sram_pj_per_byte_45nm(32 * 1024, 4));
  CHECK(cfg::sram_pj_per_byte_45nm(64 * 1024, 16) > cfg::sram_pj_per_byte_45nm(16 * 1024, 16));
}

TEST_CASE("energy: node defaults, explicit values and bad values", "[energy]") {
  const cfg::HwConfig d45 = cfg::load_config("", {"energy.node=45nm"});
  CHECK(d45.energy.mac_int8_pj == Approx(0.25));
  CHECK(d45.energy.core_insn_pj == Approx(20));
  CHECK(d45.energy.dram_pj_per_bit == Approx(20));
  // Default chip: 32 tile registers (32 KiB, 64-byte rows), 16 banks of 16 KiB, 16 bytes wide.
  CHECK(d45.energy.treg_read_pj_per_byte == Approx(cfg::sram_pj_per_byte_45nm(32 * 1024, 64)));
  CHECK(d45.energy.spad_read_pj_per_byte == Approx(cfg::sram_pj_per_byte_45nm(16 * 1024, 16)));
  const cfg::HwConfig d7 = cfg::load_config("", {});
  CHECK(d7.energy.node == "7nm");
  CHECK(d7.energy.mac_int8_pj == Approx(0.25 * 0.15));
  CHECK(d7.energy.spad_read_pj_per_byte == Approx(0.25 * cfg::sram_pj_per_byte_45nm(16 * 1024, 16)));
  CHECK(d7.energy.interconnect_pj_per_byte == Approx(0.6));
  CHECK(d7.energy.dram_pj_per_bit == Approx(20));  // DRAM interfaces do not follow the logic node
  const cfg::HwConfig set = cfg::load_config("", {"energy.mac_int8_pj=0.04", "energy.spad_read_pj_per_byte=0"});
  CHECK(set.energy.mac_int8_pj == 0.04);
  CHECK(set.energy.spad_read_pj_per_byte == 0);
  CHECK(set.energy.mac_ternary_pj == Approx(0.06 * 0.15));
  CHECK_THROWS_WITH(cfg::load_config("", {"energy.mac_int8_pj=abc"}), Catch::Contains("energy.mac_int8_pj: expected a number"));
  CHECK_THROWS_WITH(cfg::load_config("", {"energy.mac_int8_pj=-2"}), Catch::Contains("out of range"));
  CHECK_THROWS_WITH(cfg::load_config("", {"energy.mac_int8_pj=nan"}), Catch::Contains("expected a number"));
  CHECK_THROWS_WITH(cfg::load_config("", {"energy.node=3nm"}), Catch::Contains("'3nm' is not one of: 45nm, 16nm, 7nm, 5nm"));
  CHECK_THROWS_WITH(cfg::load_config_text("energy:\n  mac_int8_pj: [1]\n", "e.yaml", {}), Catch::Contains("e.yaml:2: energy.mac_int8_pj"));
}

TEST_CASE("energy: every tile counter is an action with an energy or on the list of non-actions", "[energy]") {
  const std::set<std::string> keys = energy_keys();
  std::set<std::string> charged;
  for (const auto& r : energy::counter_roles()) {
    INFO(r.counter);
    CHECK(std::string(r.why).size() > 0);
    std::istringstream in(r.keys);
    for (std::string k; in >> k;) {
      CHECK(keys.count(k) == 1);
      charged.insert(k);
    }
  }
  for (const auto& k : keys) {  // no energy without a counter behind it
    INFO(k);
    CHECK(charged.count(k) == 1);
  }
#define STAT(id, name, doc) \
  { INFO(#name); CHECK(energy::role_of(#name) != nullptr); }
#include "isa/xtile_abi.def"
#undef STAT
}

TEST_CASE("energy: every integer of the workload report is an action or on the list of non-actions", "[energy]") {
  const cfg::HwConfig c = cfg::load_config(TILESIM_SOURCE_DIR "/configs/multicore.yaml", {});
  sys::RunResult r;
  r.cores.resize(2);
  r.memory.l2_size_kib = 1024;
  wl::WorkMetrics m;
  m.useful_macs = 1;
  const report::Report rep = report::workload_report(c, r, m, "PASS", "", report::HostTimes{});
  const nlohmann::json j = rep.json();
  size_t ints = 0;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!it.value().is_number_integer() || it.key() == "schema_version") continue;
    ++ints;
    INFO(it.key());
    CHECK(energy::role_of(it.key()) != nullptr);
  }
  CHECK(ints > 40);
}
