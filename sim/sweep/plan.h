#pragma once
// A sweep's points (docs/sweep.md): the spec (cfg::SweepSpec) expanded into the cross product of
// its axes times its zipped lists, each point a `tilesim run` command line named by its swept
// parameters, and the manifest (DIR/sweep.json) that every way of running the points reads: the
// local pool, GNU parallel's job list, a Slurm array (`tilesim sweep --out DIR --point I`).
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/cfg/sweep_spec.h"

namespace sweep {

struct Param {
  std::string key, value;
};

struct Point {
  size_t index = 0;
  std::string name;                ///< from the swept parameters: files DIR/points/NAME.*
  std::vector<Param> params;       ///< the swept parameters' values, in column order
  std::vector<std::string> argv;   ///< `tilesim` arguments (run ...), without the output files
};

struct Plan {
  std::string spec, name, tilesim;  ///< absolute spec path, its title, the tilesim binary points run
  std::vector<std::string> columns; ///< swept parameters (axes, then zip), the merged table's first columns
  std::vector<Point> points;
  std::string hash;                 ///< of the points' command lines: a changed spec changes it
  uint32_t threads_per_run = 1;     ///< host threads one point uses (sim.host_threads; 0 -> all)
};

/// Expands a spec. Relative config paths are resolved against the spec's folder.
Plan expand(const cfg::SweepSpec& s, const std::string& tilesim_exe);

nlohmann::json to_json(const Plan& p);
/// Throws std::runtime_error on a manifest that is not one.
Plan plan_from_json(const nlohmann::json& j);

/// DIR/sweep.json, DIR/points/NAME.{json,csv,log,status.json}
std::string manifest_path(const std::string& dir);
std::string point_file(const std::string& dir, const Point& p, const std::string& ext);

/// The absolute form of a path (relative to the working folder).
std::string absolute(const std::string& path);

}  // namespace sweep
