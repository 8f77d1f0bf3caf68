#pragma once
// Running a sweep with an existing engine instead of the local pool (docs/sweep.md): a job list
// GNU parallel runs unchanged (`parallel --jobs N < DIR/jobs.txt`, `--sshloginfile` for many
// hosts sharing DIR) and a Slurm job-array script (`sbatch DIR/sweep.sbatch`, array index =
// point index). Both run `tilesim sweep --out DIR --point I`; `tilesim sweep --merge DIR` then
// collects the results.
#include <string>

#include "sim/sweep/plan.h"

namespace sweep {

/// DIR/jobs.txt: one command per point. Returns its path.
std::string write_parallel_jobs(const std::string& dir, const Plan& plan, const std::string& self_exe);
/// DIR/sweep.sbatch: an array of one task per point, `cpus` CPUs each. Returns its path.
std::string write_slurm(const std::string& dir, const Plan& plan, const std::string& self_exe, unsigned cpus);

}  // namespace sweep
