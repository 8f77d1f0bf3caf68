#pragma once
// The local way to run a sweep: `--jobs N` processes at a time, each `tilesim sweep --out DIR
// --point I` (the same command GNU parallel and Slurm run), with a progress line.
#include <string>

#include "sim/sweep/plan.h"

namespace sweep {

struct PoolOptions {
  unsigned jobs = 1;
  bool retry_failed = false;  ///< rerun points whose status says they failed
};
struct PoolResult {
  size_t ran = 0, skipped = 0, failed = 0;
  bool interrupted = false;
};

/// Runs every point without a status (and, with retry_failed, the failed ones).
PoolResult run_pool(const std::string& dir, const Plan& plan, const PoolOptions& o, const std::string& self_exe);

/// Default --jobs: the host's CPUs divided by the threads one run uses (0 = all of them), >= 1.
unsigned default_jobs(uint32_t threads_per_run);

}  // namespace sweep
