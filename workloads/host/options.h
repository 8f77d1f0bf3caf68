#pragma once
// Reading workload options (strings from the command line) into checked values.
#include <cstdint>
#include <string>

#include "workloads/host/workload.h"

namespace wl {

/// A positive integer option in [lo, hi], or `def` when absent.
uint32_t opt_u32(const Options& o, const std::string& key, uint32_t def, uint32_t lo, uint32_t hi);
/// A choice option, or `def` when absent.
std::string opt_choice(const Options& o, const std::string& key, const std::string& def, std::initializer_list<const char*> allowed);
bool opt_flag(const Options& o, const std::string& key);

}  // namespace wl
