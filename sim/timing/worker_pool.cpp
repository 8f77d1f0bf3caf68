#include "sim/timing/worker_pool.h"

namespace timing {

WorkerPool::WorkerPool(unsigned threads) {
  for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { loop(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> l(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (auto& t : workers_) t.join();
}

std::future<uint32_t> WorkerPool::run(std::function<uint32_t()> job) {
  std::packaged_task<uint32_t()> task(std::move(job));
  std::future<uint32_t> f = task.get_future();
  if (workers_.empty()) {
    task();
    return f;
  }
  {
    std::lock_guard<std::mutex> l(mu_);
    queue_.push_back(std::move(task));
  }
  cv_.notify_one();
  return f;
}

void WorkerPool::loop() {
  for (;;) {
    std::packaged_task<uint32_t()> task;
    {
      std::unique_lock<std::mutex> l(mu_);
      cv_.wait(l, [this] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

}  // namespace timing
