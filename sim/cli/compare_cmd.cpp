// `tilesim compare`: simulated runs beside GPU runs (measured by tilesim-gpu) and published GPU
// results, per workload and shape (sim/report/compare.h, docs/gpu.md).
#include <boost/program_options.hpp>

#include <fstream>
#include <iostream>

#include "sim/cli/commands.h"
#include "sim/cli/options.h"
#include "sim/report/compare.h"
#include "sim/system/system.h"

namespace po = boost::program_options;

namespace cli {
namespace {
struct MissingInput : std::runtime_error {
  using std::runtime_error::runtime_error;
};
}  // namespace

int cmd_compare(const std::vector<std::string>& args) {
  std::vector<std::string> sims, gpus;
  std::string csv;
  po::options_description d("tilesim compare options");
  d.add_options()("help,h", "this text")("sim", po::value(&sims)->multitoken()->composing(), "stats JSON of tilesim run (--stats-json)")
      ("gpu", po::value(&gpus)->multitoken()->composing(), "tilesim-gpu's JSON (measured on a GPU)")
      ("published", "add the published GPU results (sim/report/published.def): of the compared shapes, or all of them without --sim / --gpu")
      ("csv", po::value(&csv), "also write the rows as CSV here");
  const char* usage = "usage: tilesim compare [--sim STATS.json...] [--gpu GPU.json...] [--published] [--csv PATH]\n";
  po::variables_map vm = parse_command_line(args, d, "compare");
  if (vm.count("help")) {
    std::cout << usage << d;
    return 0;
  }
  if (sims.empty() && gpus.empty() && !vm.count("published")) throw UsageError("nothing to compare: give --sim, --gpu or --published", usage);
  if (!csv.empty()) check_output_file("--csv", csv);
  std::vector<report::CompareRow> rows;
  auto load = [&](const std::string& path) {
    std::ifstream f(path);
    if (!f) throw MissingInput(path + ": cannot be read");
    nlohmann::json j;
    try {
      f >> j;
    } catch (const nlohmann::json::exception& e) {
      throw report::CompareInputError(path + ": not JSON (" + e.what() + ")");
    }
    return j;
  };
  try {
    for (const auto& s : sims)
      for (auto& r : report::sim_rows(load(s), s)) rows.push_back(r);
    for (const auto& g : gpus)
      for (auto& r : report::gpu_rows(load(g), g)) rows.push_back(r);
    if (vm.count("published")) {
      std::vector<std::string> groups;
      for (const auto& r : rows) groups.push_back(r.group);
      for (auto& r : report::published_rows(groups)) rows.push_back(r);
    }
  } catch (const MissingInput& e) {
    std::cerr << "tilesim: compare: " << e.what() << "\n";
    return sys::kExitMissingFile;
  } catch (const report::CompareInputError& e) {
    std::cerr << "tilesim: compare: " << e.what() << "\n";
    return sys::kExitBadInput;
  } catch (const nlohmann::json::exception& e) {
    std::cerr << "tilesim: compare: a field has the wrong type (" << e.what() << ")\n";
    return sys::kExitBadInput;
  }
  std::cout << report::compare_text(rows);
  if (!csv.empty()) {
    std::ofstream f(csv);
    f << report::compare_csv(rows);
    if (!f) throw CantCreate("--csv " + csv + ": cannot be written");
  }
  return 0;
}

}  // namespace cli
