#pragma once
// The CSV of the tool's tables (RFC 4180 quoting): the report writes it (sim/report), a sweep's
// merge reads the points' reports back and writes results.csv (sim/sweep). In sim/cfg because
// both rooms may include it.
#include <string>
#include <vector>

namespace cfg {

/// One field, quoted when it holds a comma, a quote or a newline (quotes doubled).
inline std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

/// One CSV line split into its fields (the inverse of joining csv_field()s with commas).
inline std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back() += '"', ++i;
      else if (c == '"') quoted = false;
      else out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

}  // namespace cfg
