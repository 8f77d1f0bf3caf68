#pragma once
// Splitting golden-model work over the host's cores. Results never depend on the thread count:
// each index is computed by exactly one thread, with the same arithmetic.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <thread>
#include <vector>

namespace golden {

/// Threads the golden models use: TILESIM_HOST_THREADS if set (>= 1), else the host's cores.
inline unsigned host_threads() {
  if (const char* e = std::getenv("TILESIM_HOST_THREADS")) {
    const long v = std::strtol(e, nullptr, 10);
    if (v >= 1) return static_cast<unsigned>(std::min<long>(v, 256));
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

/// Calls fn(i) for every i in [0, n), spread over host_threads() threads (dynamic chunks).
template <class Fn>
void parallel_for(uint64_t n, Fn&& fn) {
  const unsigned t = static_cast<unsigned>(std::min<uint64_t>(host_threads(), n));
  if (t <= 1) {
    for (uint64_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<uint64_t> next{0};
  auto work = [&] {
    for (uint64_t i; (i = next.fetch_add(1)) < n;) fn(i);
  };
  std::vector<std::thread> pool;
  for (unsigned k = 1; k < t; ++k) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();
}

}  // namespace golden
