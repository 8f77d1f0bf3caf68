#pragma once
// The result report of a run: an ordered list of named values, written as a text table, JSON
// (with schema_version, documented in docs/report.md) and CSV.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace report {

struct Entry {
  std::string key;    ///< JSON/CSV name
  std::string label;  ///< text-table label
  nlohmann::json value;
  std::string unit;
};

class Report {
 public:
  static constexpr int kSchemaVersion = 1;
  void add(const std::string& key, const std::string& label, nlohmann::json value, const std::string& unit = "");
  void section(const std::string& title) { sections_.push_back({entries_.size(), title}); }
  std::string text() const;
  nlohmann::json json() const;  ///< flat: {schema_version, key: value, ...}
  std::string csv() const;      ///< header line + one data line

 private:
  std::vector<Entry> entries_;
  std::vector<std::pair<size_t, std::string>> sections_;
};

}  // namespace report
