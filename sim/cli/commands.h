#pragma once
// `tilesim` subcommands. Each returns the process exit status (README.md, Exit codes).
#include <stdexcept>
#include <string>
#include <vector>

namespace cli {

/// Thrown for bad command lines; main prints it with the usage and exits 64.
struct UsageError : std::runtime_error { using std::runtime_error::runtime_error; };

int cmd_run(const std::vector<std::string>& args);
int cmd_disasm(const std::vector<std::string>& args);
int cmd_config(const std::vector<std::string>& args);
int cmd_config_doc(const std::vector<std::string>& args);
int cmd_verify_rtl(const std::vector<std::string>& args);

constexpr const char* kVersion = "0.1.0";

}  // namespace cli
