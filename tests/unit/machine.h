#pragma once
// A hart on a plain memory buffer (no SystemC), for instruction-level tests.
#include <cstring>
#include <string>
#include <vector>

#include "sim/cfg/hw_config.h"
#include "sim/core/hart.h"

namespace t {

constexpr uint32_t kBase = 0x80000000u;

struct Machine : core::Bus {
  std::vector<uint8_t> mem;
  std::string out, err;
  core::Hart hart;
  explicit Machine(const cfg::CoreConfig& c = cfg::CoreConfig{}, uint32_t size = 1u << 20)
      : mem(size), hart(c, *this, [this](int fd, const char* p, size_t n) { (fd == 2 ? err : out).append(p, n); }) {
    hart.set_dmi(mem.data(), kBase, size);
  }
  bool read(uint32_t, uint8_t*, unsigned) override { return false; }
  bool write(uint32_t, const uint8_t*, unsigned) override { return false; }

  void load(const std::vector<uint32_t>& words, uint32_t at = kBase) {
    std::memcpy(mem.data() + (at - kBase), words.data(), words.size() * 4);
  }
  uint32_t word(uint32_t addr) const {
    uint32_t w;
    std::memcpy(&w, mem.data() + (addr - kBase), 4);
    return w;
  }
  void poke(uint32_t addr, uint32_t w) { std::memcpy(mem.data() + (addr - kBase), &w, 4); }
  /// Load, reset at kBase, run to completion (or `budget` cycles).
  core::Stop run(const std::vector<uint32_t>& prog, uint64_t budget = 1'000'000) {
    load(prog);
    hart.reset(kBase);
    return hart.run(budget);
  }
};

}  // namespace t
