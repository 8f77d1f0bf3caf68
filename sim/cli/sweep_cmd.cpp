// `tilesim sweep`: design-space sweeps from a spec (sim/sweep/, docs/sweep.md).
//   tilesim sweep --spec S.yaml --out DIR [--jobs N] [--retry-failed] [--restart] [--emit parallel|slurm]
//   tilesim sweep --out DIR --point I        one point (what job lists and Slurm array tasks run)
//   tilesim sweep --merge DIR                collect the points into DIR/results.csv and .json
#include <boost/program_options.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "sim/cfg/sweep_spec.h"
#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/sweep/emit.h"
#include "sim/sweep/merge.h"
#include "sim/sweep/plan.h"
#include "sim/sweep/point.h"
#include "sim/sweep/pool.h"
#include "sim/system/system.h"

namespace po = boost::program_options;

namespace cli {
namespace {

constexpr int kExitSweepFailed = 79;  ///< some points failed or did not run (README, Exit codes)

const char* kSweepUsage =
    "usage: tilesim sweep --spec S.yaml --out DIR [--jobs N] [--retry-failed] [--restart] [--emit parallel|slurm]\n"
    "       tilesim sweep --out DIR --point I\n"
    "       tilesim sweep --merge DIR\n";

std::string self_exe() {
  char b[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", b, sizeof b - 1);
  if (n <= 0) throw std::runtime_error("cannot find the tilesim binary (/proc/self/exe)");
  return std::string(b, size_t(n));
}

sweep::Plan read_manifest(const std::string& dir) {
  std::ifstream f(sweep::manifest_path(dir));
  if (!f) throw std::runtime_error(dir + ": no sweep here (" + sweep::manifest_path(dir) + " is missing; run tilesim sweep --spec first)");
  nlohmann::json j;
  try {
    f >> j;
    return sweep::plan_from_json(j);
  } catch (const std::exception& e) {
    throw std::runtime_error(sweep::manifest_path(dir) + ": " + e.what());
  }
}

void write_manifest(const std::string& dir, const sweep::Plan& p) {
  const std::string path = sweep::manifest_path(dir);
  {
    std::ofstream o(path + ".tmp");
    o << sweep::to_json(p).dump(1) << "\n";
    if (!o) throw CantCreate(path + ": cannot be written");
  }
  std::rename((path + ".tmp").c_str(), path.c_str());
}

int report_merge(const std::string& dir, const sweep::Plan& plan) {
  const sweep::MergeResult m = sweep::merge(dir, plan);
  std::cout << "sweep: " << plan.points.size() << " points: " << m.ok << " ok, " << m.failed << " failed, " << m.not_run << " not run; "
            << dir << "/results.csv\n";
  if (m.failed) {
    for (const auto& p : plan.points)
      if (auto st = sweep::read_status(dir, p); st && st->exit_code != 0)
        std::cout << "  failed: " << p.name << " (exit " << st->exit_code << "): " << st->message << "\n";
  }
  return m.failed || m.not_run ? kExitSweepFailed : 0;
}

}  // namespace

int cmd_sweep(const std::vector<std::string>& args) {
  std::string spec, out, merge_dir, emit;
  unsigned jobs = 0;
  long long point = -1;
  po::options_description d("tilesim sweep options");
  d.add_options()("help,h", "this text")("spec", po::value(&spec), "the sweep spec (YAML, docs/sweep.md)")
      ("out", po::value(&out), "the sweep's folder: sweep.json, points/, results.csv, results.json")
      ("jobs,j", po::value(&jobs), "points run at once (default: host CPUs / threads one run uses)")
      ("retry-failed", "run again the points that failed before (default: a resumed sweep runs only points never run)")
      ("restart", "forget the points already run in --out (a changed spec needs it)")
      ("emit", po::value(&emit), "parallel: write DIR/jobs.txt for GNU parallel; slurm: write DIR/sweep.sbatch (an array); runs nothing")
      ("point", po::value(&point), "run point I of the sweep in --out (what the job list and the array tasks run)")
      ("merge", po::value(&merge_dir), "collect the points of DIR into DIR/results.csv and results.json");
  po::variables_map vm = parse_command_line(args, d, "sweep");
  if (vm.count("help")) {
    std::cout << kSweepUsage << d;
    return 0;
  }
  const int modes = !spec.empty() + (point >= 0) + !merge_dir.empty();
  if (modes != 1) throw UsageError("give one of --spec (with --out), --point (with --out) or --merge", kSweepUsage);
  if (!emit.empty() && emit != "parallel" && emit != "slurm") throw UsageError("--emit is parallel or slurm, not '" + emit + "'", kSweepUsage);
  if (vm.count("jobs") && jobs == 0) throw UsageError("--jobs: at least 1", kSweepUsage);
  try {
    if (!merge_dir.empty()) {
      const std::string dir = sweep::absolute(merge_dir);
      return report_merge(dir, read_manifest(dir));
    }
    if (out.empty()) throw UsageError(std::string(point >= 0 ? "--point" : "--spec") + " needs --out DIR", kSweepUsage);
    if (point >= 0) {
      const std::string dir = sweep::absolute(out);
      return sweep::run_point(dir, read_manifest(dir), size_t(point));
    }
    const cfg::SweepSpec s = cfg::load_sweep_spec(spec);
    const std::string exe = self_exe();
    sweep::Plan plan = sweep::expand(s, exe);
    {  // the sweep's folder and its parents
      std::error_code ec;
      std::filesystem::create_directories(out, ec);
    }
    check_output_dir("--out", out);
    const std::string dir = sweep::absolute(out);
    namespace fs = std::filesystem;
    if (fs::exists(sweep::manifest_path(dir)) && !vm.count("restart")) {
      const sweep::Plan old = read_manifest(dir);
      if (old.hash != plan.hash) {
        std::cerr << "tilesim: sweep: " << dir << " holds a sweep of another spec (" << old.points.size() << " points of " << old.spec
                  << "; this spec gives " << plan.points.size() << " other or changed points): use another --out, or --restart to discard it\n";
        return sys::kExitBadInput;
      }
    }
    if (vm.count("restart") && fs::exists(dir + "/points")) fs::remove_all(dir + "/points");
    fs::create_directories(dir + "/points");
    write_manifest(dir, plan);
    const unsigned threads = plan.threads_per_run;
    if (emit == "parallel") {
      const std::string f = sweep::write_parallel_jobs(dir, plan, exe);
      std::cout << "sweep: " << plan.points.size() << " points; run them with GNU parallel:\n  parallel --jobs "
                << sweep::default_jobs(threads) << " < " << f << "\n(--sshloginfile FILE for many hosts sharing " << dir
                << "), then: tilesim sweep --merge " << dir << "\n";
      return 0;
    }
    if (emit == "slurm") {
      const std::string f = sweep::write_slurm(dir, plan, exe, threads == 0 ? 1 : threads);
      std::cout << "sweep: " << plan.points.size() << " points, one array task each:\n  sbatch " << f << "\nthen: tilesim sweep --merge "
                << dir << "\n";
      return 0;
    }
    sweep::PoolOptions po;
    po.jobs = jobs ? jobs : sweep::default_jobs(threads);
    po.retry_failed = vm.count("retry-failed") > 0;
    std::cerr << "sweep: " << plan.points.size() << " points" << (s.name.empty() ? "" : " (" + s.name + ")") << ", " << po.jobs
              << " at a time, in " << dir << "\n";
    const sweep::PoolResult r = sweep::run_pool(dir, plan, po, exe);
    if (r.interrupted) {
      sweep::merge(dir, plan);
      std::cerr << "tilesim: sweep: interrupted; run the same command again to go on\n";
      return sys::kExitInterrupted;
    }
    return report_merge(dir, plan);
  } catch (const cfg::MissingConfigFile& e) {
    std::cerr << "tilesim: sweep: " << e.what() << "\n";
    return sys::kExitMissingFile;
  } catch (const cfg::SweepSpecError& e) {
    std::cerr << "tilesim: sweep: bad spec: " << e.what() << "\n";
    return sys::kExitBadInput;
  } catch (const std::out_of_range& e) {
    throw UsageError(std::string("sweep: ") + e.what(), kSweepUsage);
  } catch (const UsageError&) {
    throw;
  } catch (const CantCreate&) {
    throw;
  } catch (const std::runtime_error& e) {
    std::cerr << "tilesim: sweep: " << e.what() << "\n";
    return sys::kExitBadInput;
  }
}

}  // namespace cli
