#include "sim/timing/l2_cache.h"

#include <stdexcept>

namespace timing {

L2Cache::Policy L2Cache::policy_named(const std::string& n) {
  if (n == "lru") return Policy::Lru;
  if (n == "fifo") return Policy::Fifo;
  if (n == "random") return Policy::Random;
  throw std::invalid_argument("no L2 replacement policy '" + n + "'");
}

L2Cache::L2Cache(uint64_t bytes, uint32_t line, uint32_t ways, Policy p, bool hash_index)
    : sets_(static_cast<uint32_t>(bytes / (uint64_t(line) * ways))), ways_(ways), line_shift_(__builtin_ctz(line)), policy_(p), hash_(hash_index),
      tag_(uint64_t(sets_) * ways, 0), stamp_(tag_.size(), 0), dirty_(tag_.size(), 0) {}

L2Cache::Result L2Cache::access(uint32_t addr, bool write) {
  Result r;
  const uint32_t line = addr >> line_shift_;
  // The set: n mod sets, or a multiplicative hash of n reduced to [0, sets) (Lemire).
  const uint32_t set = hash_ ? static_cast<uint32_t>((uint64_t(line * 0x9E3779B1u) * sets_) >> 32) : line % sets_;
  const size_t base = size_t(set) * ways_;
  uint32_t* const tags = &tag_[base];
  ++clock_;
  size_t victim = 0;
  for (uint32_t w = 0; w < ways_; ++w) {
    if (tags[w] == line + 1) {
      ++hits_;
      r.hit = true;
      if (policy_ == Policy::Lru) stamp_[base + w] = clock_;
      if (write) dirty_[base + w] = 1;
      return r;
    }
    if (tags[w] == 0) victim = w;  // an empty way, else the policy's choice below
  }
  ++misses_;
  if (tags[victim] != 0) {
    if (policy_ == Policy::Random) {
      rng_ ^= rng_ << 13;  // xorshift64: fixed seed, so every run evicts alike
      rng_ ^= rng_ >> 7;
      rng_ ^= rng_ << 17;
      victim = static_cast<size_t>(rng_ % ways_);
    } else {  // LRU and FIFO: the oldest stamp (last use / fill)
      for (uint32_t w = 1; w < ways_; ++w)
        if (stamp_[base + w] < stamp_[base + victim]) victim = w;
    }
  } else {
    for (uint32_t w = 0; w < ways_; ++w)  // the first empty way
      if (tags[w] == 0) { victim = w; break; }
  }
  if (tags[victim] != 0 && dirty_[base + victim]) {
    r.writeback = true;
    r.victim = (tags[victim] - 1) << line_shift_;
    ++writebacks_;
  }
  tags[victim] = line + 1;
  stamp_[base + victim] = clock_;
  dirty_[base + victim] = write ? 1 : 0;
  return r;
}

uint64_t L2Cache::dirty_lines() const {
  uint64_t n = 0;
  for (size_t i = 0; i < tag_.size(); ++i) n += tag_[i] && dirty_[i];
  return n;
}

}  // namespace timing
