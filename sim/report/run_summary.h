#pragma once
// The summary of a plain ELF run (`tilesim run --elf`): the text table on stderr and the stats
// JSON (docs/report.md), from the run's result and the chip's config.
#include <string>

#include "sim/cfg/hw_config.h"
#include "sim/system/system.h"

namespace report {

const char* outcome_name(sys::Outcome o);
/// 1234567 -> "1,234,567".
std::string with_commas(uint64_t v);
void print_run_summary(const std::string& elf, const cfg::HwConfig& c, const sys::RunResult& r, int status);
void write_run_stats(const std::string& path, const std::string& version, const std::string& elf, const cfg::HwConfig& c,
                     const sys::RunResult& r, int status);

}  // namespace report
