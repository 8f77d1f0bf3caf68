#include "sim/sweep/emit.h"

#include <sys/stat.h>

#include <fstream>
#include <stdexcept>

namespace sweep {
namespace {

std::string shell_quote(const std::string& s) {
  std::string o = "'";
  for (char c : s) o += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return o + "'";
}

}  // namespace

std::string write_parallel_jobs(const std::string& dir, const Plan& plan, const std::string& self_exe) {
  const std::string path = dir + "/jobs.txt";
  std::ofstream o(path);
  for (const Point& p : plan.points) o << shell_quote(self_exe) << " sweep --out " << shell_quote(dir) << " --point " << p.index << "\n";
  if (!o) throw std::runtime_error("cannot write " + path);
  return path;
}

std::string write_slurm(const std::string& dir, const Plan& plan, const std::string& self_exe, unsigned cpus) {
  const std::string path = dir + "/sweep.sbatch";
  mkdir((dir + "/slurm").c_str(), 0777);
  std::ofstream o(path);
  o << "#!/bin/bash\n"
    << "# tilesim sweep of " << plan.spec << ": " << plan.points.size() << " points, one Slurm array task each (index = point).\n"
    << "# Submit: sbatch " << path << "   then: " << self_exe << " sweep --merge " << dir << "\n"
    << "# The folder must be shared by the nodes; Slurm's MaxArraySize (default 1001) bounds one array.\n"
    << "#SBATCH --job-name=tilesim-sweep\n"
    << "#SBATCH --array=0-" << (plan.points.empty() ? 0 : plan.points.size() - 1) << "\n"
    << "#SBATCH --cpus-per-task=" << cpus << "\n"
    << "#SBATCH --output=" << dir << "/slurm/%A_%a.out\n"
    << "set -eu\n"
    << ": \"${SLURM_ARRAY_TASK_ID:?run this with sbatch (an array task)}\"\n"
    << "exec " << shell_quote(self_exe) << " sweep --out " << shell_quote(dir) << " --point \"$SLURM_ARRAY_TASK_ID\"\n";
  if (!o) throw std::runtime_error("cannot write " + path);
  chmod(path.c_str(), 0755);
  return path;
}

}  // namespace sweep
