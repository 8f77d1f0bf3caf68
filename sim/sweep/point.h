#pragma once
// Running one point of a sweep (`tilesim sweep --out DIR --point I`, what the local pool, GNU
// parallel's job list and a Slurm array task all run): `tilesim run` with the point's stats
// JSON and CSV, its output in DIR/points/NAME.log, then DIR/points/NAME.status.json.
#include <optional>
#include <string>

#include "sim/sweep/plan.h"

namespace sweep {

struct Status {
  int exit_code = 0;
  std::string message;  ///< "" on success; else the run's last message line
  double seconds = 0;
  std::string host;
};

/// Runs point `i`; returns its exit code. An interrupted run (SIGINT, exit 130) records no status,
/// so a resumed sweep runs it again.
int run_point(const std::string& dir, const Plan& plan, size_t i);

/// The point's recorded status, if it has run.
std::optional<Status> read_status(const std::string& dir, const Point& p);

}  // namespace sweep
