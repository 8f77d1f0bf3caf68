#pragma once
// The shared L2's tags (plain C++): set-associative, write-back, write-allocate, one of three
// replacement policies. Only tags and dirty bits: the data lives in DRAM (the golden model moves
// it at issue), so the cache decides timing and traffic, never values.
#include <cstdint>
#include <string>
#include <vector>

namespace timing {

class L2Cache {
 public:
  enum class Policy { Lru, Fifo, Random };
  static Policy policy_named(const std::string& name);
  /// `bytes` of `line`-byte lines in sets of `ways` (bytes a multiple of line x ways).
  L2Cache(uint64_t bytes, uint32_t line, uint32_t ways, Policy p, bool hash_index = true);

  struct Result {
    bool hit = false;
    bool writeback = false;   ///< a dirty victim was evicted
    uint32_t victim = 0;      ///< its byte address (when writeback)
  };
  /// An access to the line holding byte address `addr`: a hit, or a miss that fills the line
  /// (a write fills it without reading DRAM: DMA writes whole lines). Writes make it dirty.
  Result access(uint32_t addr, bool write);

  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }
  uint64_t writebacks() const { return writebacks_; }
  uint64_t dirty_lines() const;
  uint32_t sets() const { return sets_; }
  uint32_t line_bytes() const { return 1u << line_shift_; }

 private:
  uint32_t sets_, ways_, line_shift_;
  Policy policy_;
  bool hash_;
  std::vector<uint32_t> tag_;    // line number + 1 per way (0 = invalid), set-major
  std::vector<uint64_t> stamp_;  // LRU: last use; FIFO: fill order
  std::vector<uint8_t> dirty_;
  uint64_t clock_ = 0, rng_ = 0x9e3779b97f4a7c15ull;
  uint64_t hits_ = 0, misses_ = 0, writebacks_ = 0;
};

}  // namespace timing
