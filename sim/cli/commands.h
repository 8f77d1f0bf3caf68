#pragma once
// `tilesim` subcommands. Each returns the process exit status (README.md, Exit codes).
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace cli {

/// Thrown for bad command lines; main prints it with the usage (the subcommand's when `usage` is
/// set, else the top level's) and exits 64.
struct UsageError : std::runtime_error {
  explicit UsageError(const std::string& what, std::string usage_text = "") : std::runtime_error(what), usage(std::move(usage_text)) {}
  std::string usage;
};

/// An output file or folder cannot be created or written (exit 73, sysexits EX_CANTCREAT).
struct CantCreate : std::runtime_error { using std::runtime_error::runtime_error; };

/// Checks, before anything is simulated, that `path` can be written as a file: creates it (empty)
/// if absent; throws CantCreate naming the option otherwise (a folder, a missing parent, no
/// permission).
void check_output_file(const std::string& option, const std::string& path);
/// The same for a folder that will receive files (created if absent, parents must exist).
void check_output_dir(const std::string& option, const std::string& path);

/// Strict unsigned integer of an option: decimal digits only (no sign, no spaces), in [lo, hi];
/// UsageError otherwise.
uint64_t parse_unsigned(const std::string& option, const std::string& text, uint64_t lo, uint64_t hi);

int cmd_run(const std::vector<std::string>& args);
int cmd_disasm(const std::vector<std::string>& args);
int cmd_config(const std::vector<std::string>& args);
int cmd_config_doc(const std::vector<std::string>& args);
int cmd_verify_rtl(const std::vector<std::string>& args);
int cmd_compare(const std::vector<std::string>& args);
int cmd_sweep(const std::vector<std::string>& args);

constexpr const char* kVersion = "0.1.0";

}  // namespace cli
