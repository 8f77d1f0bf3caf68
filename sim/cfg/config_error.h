#pragma once
#include <stdexcept>
#include <string>

namespace cfg {
/// A config file, key or value the user must fix. Message: `file:line: key.path: message`.
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
/// The config file named on the command line does not exist or cannot be read (exit 66).
struct MissingConfigFile : ConfigError {
  using ConfigError::ConfigError;
};
}  // namespace cfg
