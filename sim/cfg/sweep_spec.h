#pragma once
// A sweep spec (`tilesim sweep --spec S.yaml`, docs/sweep.md), read from YAML with file:line
// errors like the config's. Plain data: expanding it into points, running and merging them is
// sim/sweep/'s work.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/cfg/config_error.h"

namespace cfg {

/// A bad sweep spec (exit 65): `file:line: key: message`.
struct SweepSpecError : ConfigError {
  using ConfigError::ConfigError;
};

/// A scalar of the spec as text (numbers, booleans and strings as written) with its line.
struct SpecValue {
  std::string text;
  int line = 0;
  bool boolean = false;  ///< written as true/false (a workload flag: present or absent)
  bool null = false;     ///< written as null or ~ in an axis or zip list: the option is not given at that point
};

/// One axis: a parameter and its values. `key` is `config`, `workload`, `seed`, `args.OPTION`
/// (a workload option) or a config key path (a `--set` override).
struct SpecAxis {
  std::string key;
  std::vector<SpecValue> values;
  int line = 0;
  std::string workload;  ///< args given under `args: {WORKLOAD: {...}}`: only that workload's points take it
};

struct SweepSpec {
  std::string file;                 ///< the spec's path as given
  std::string dir;                  ///< its folder: relative paths in the spec are relative to it
  std::vector<SpecAxis> fixed;      ///< single values: config, workload, seed, args.*, set.* (one value each)
  std::vector<SpecAxis> axes;       ///< crossed
  std::vector<std::vector<SpecAxis>> zips;  ///< groups of lists advanced together (equal lengths), crossed with `axes` and each other
  std::string name;                 ///< optional title
  std::vector<std::pair<std::string, int>> per_workload;  ///< workloads named under args, with their lines
};

/// Reads and checks the spec's structure: known top-level keys (config, workload, args, set, seed,
/// axes, zip, name), non-empty axes of scalars (null: not given), equal lengths within a zip
/// group, no parameter twice, config-key axes whose every value the config schema accepts
/// (cfg::check_override), per-workload args only for workloads the spec runs, a workload given. Throws SweepSpecError, or MissingConfigFile if the spec cannot be read.
SweepSpec load_sweep_spec(const std::string& path);
SweepSpec load_sweep_spec_text(const std::string& yaml, const std::string& origin, const std::string& dir);

}  // namespace cfg
