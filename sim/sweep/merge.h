#pragma once
// Merging a sweep's points (`tilesim sweep --merge DIR`, also the end of a local sweep):
// DIR/results.csv, one row per point: point, status (ok / failed / not run), exit_code, message,
// every swept parameter, then the columns of the run's report CSV (docs/report.md); and
// DIR/results.json with each point's parameters, status and whole stats JSON.
#include <string>

#include "sim/sweep/plan.h"

namespace sweep {

struct MergeResult {
  size_t ok = 0, failed = 0, not_run = 0;
};

MergeResult merge(const std::string& dir, const Plan& plan);

}  // namespace sweep
