#pragma once
// `tilesim compare` (docs/gpu.md): simulated runs (stats JSON of `tilesim run`), GPU runs
// (tilesim-gpu's JSON: measured) and the published table (sim/report/published.def), grouped by
// workload and shape, side by side, each row with its provenance; never mixed, never invented.
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace report {

/// A file that is not a stats / tilesim-gpu JSON, or lacks a field compare needs (exit 65).
struct CompareInputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct CompareRow {
  std::string group;       ///< workload and shape: the case without its dtype ("gemm:4096x4096x4096")
  std::string provenance;  ///< "simulated", "measured" or "published"
  std::string who;         ///< chip config, or device and kernel
  std::string dtype;
  double us = -1, tops = -1, pct_peak = -1, pj_per_op = -1, tops_per_w = -1, tops_per_mm2 = -1;  ///< < 0: not known
  std::string exact;   ///< bit-exact against the golden model: "yes", "NO", "-" (published)
  std::string source;  ///< file and date (simulated, measured) or the publication
  double seed = -1;    ///< inputs' seed (simulated and measured)
};

/// The group and dtype of a case "WORKLOAD:DTYPE:SHAPE[:flags]".
void split_case(const std::string& c, std::string& group, std::string& dtype);

std::vector<CompareRow> sim_rows(const nlohmann::json& stats, const std::string& file);
std::vector<CompareRow> gpu_rows(const nlohmann::json& gpu, const std::string& file);
/// Every published row (`groups` empty), or those of the given groups.
std::vector<CompareRow> published_rows(const std::vector<std::string>& groups = {});

/// The side-by-side text: per group, its rows (simulated, measured, published) and the ratios of
/// each simulated row to the best measured and the best published one.
std::string compare_text(const std::vector<CompareRow>& rows);
std::string compare_csv(const std::vector<CompareRow>& rows);

}  // namespace report
