#pragma once
// Command-line parsing shared by the subcommands: Boost.Program_options errors become a
// UsageError that names the subcommand (main prints it with the usage and exits 64).
#include <boost/program_options.hpp>

#include <string>
#include <vector>

#include "sim/cli/commands.h"

namespace cli {

inline boost::program_options::variables_map parse_command_line(
    const std::vector<std::string>& args, const boost::program_options::options_description& options,
    const std::string& command, const boost::program_options::positional_options_description* positional = nullptr) {
  namespace po = boost::program_options;
  po::variables_map vm;
  try {
    po::command_line_parser parser(args);
    parser.options(options);
    if (positional) parser.positional(*positional);
    po::store(parser.run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(command + ": " + e.what());
  }
  return vm;
}

}  // namespace cli
