#pragma once
// Loading, overriding, dumping and documenting HwConfig. The only header that knows yaml-cpp
// exists is config_io.cpp.
#include <string>
#include <vector>

#include "sim/cfg/config_error.h"
#include "sim/cfg/hw_config.h"

namespace cfg {

/// Defaults, then the YAML file (if path non-empty), then each `key.path=value` override,
/// then cross-field validation. Throws ConfigError (file:line: key.path: message).
HwConfig load_config(const std::string& path, const std::vector<std::string>& overrides = {});

/// Checks one `key.path=value` override against the schema alone (the key exists and is a
/// value, the value has the key's type and range); no cross-field rules. Throws ConfigError.
void check_override(const std::string& kv);

/// Parse YAML text (for tests); `origin` names it in messages.
HwConfig load_config_text(const std::string& yaml, const std::string& origin,
                          const std::vector<std::string>& overrides = {});

/// The effective config as YAML, every key present, with its meaning as a comment.
std::string dump_yaml(const HwConfig& c);

/// Markdown reference of every key (docs/config.md is this text; a test keeps them equal).
std::string config_markdown();

/// Cross-field rules (sizes, alignment, address-space fit). Throws ConfigError.
void validate(const HwConfig& c);

}  // namespace cfg
