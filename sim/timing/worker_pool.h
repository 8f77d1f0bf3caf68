#pragma once
// A fixed pool of host threads for work whose result the simulation needs only later (plain
// C++). The tile units hand it the golden values of block MMAs (xt.mma.blk): the core's timing
// never depends on them, and the tile unit waits for its job before its next instruction, so
// results are identical with any number of threads (sim.host_threads).
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace timing {

class WorkerPool {
 public:
  /// `threads` workers (0: none; run() then runs the job at once on the caller's thread).
  explicit WorkerPool(unsigned threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  unsigned threads() const { return static_cast<unsigned>(workers_.size()); }
  /// Runs `job` on a worker; the future yields its result.
  std::future<uint32_t> run(std::function<uint32_t()> job);

 private:
  void loop();
  std::vector<std::thread> workers_;
  std::deque<std::packaged_task<uint32_t()>> queue_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
};

}  // namespace timing
