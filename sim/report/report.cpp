#include "sim/report/report.h"

#include <cstdio>
#include <sstream>

#include "sim/cfg/csv.h"

namespace report {
namespace {
std::string format(const nlohmann::json& v) {
  if (v.is_number_float()) {
    char b[64];
    const double d = v.get<double>();
    std::snprintf(b, sizeof b, (d != 0 && (d >= 1e6 || (d < 1e-3 && d > -1e-3))) ? "%.4g" : "%.3f", d);
    return b;
  }
  if (v.is_number_integer() || v.is_number_unsigned()) {
    std::string s = v.dump();
    const size_t start = s[0] == '-' ? 1 : 0;
    for (int i = static_cast<int>(s.size()) - 3; i > static_cast<int>(start); i -= 3) s.insert(size_t(i), ",");
    return s;
  }
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}
using cfg::csv_field;
}  // namespace

void Report::add(const std::string& key, const std::string& label, nlohmann::json value, const std::string& unit) {
  entries_.push_back({key, label, std::move(value), unit});
}

std::string Report::text() const {
  std::ostringstream o;
  size_t sec = 0;
  for (size_t i = 0; i < entries_.size(); ++i) {
    while (sec < sections_.size() && sections_[sec].first == i) o << "  -- " << sections_[sec++].second << " --\n";
    const Entry& e = entries_[i];
    char line[256];
    std::snprintf(line, sizeof line, "  %-26s %s%s%s\n", e.label.c_str(), format(e.value).c_str(), e.unit.empty() ? "" : " ",
                  e.unit.c_str());
    o << line;
  }
  return o.str();
}

nlohmann::json Report::json() const {
  nlohmann::json j;
  j["schema_version"] = kSchemaVersion;
  for (const auto& e : entries_) j[e.key] = e.value;
  return j;
}

std::string Report::csv() const {
  std::string head = "schema_version", row = std::to_string(kSchemaVersion);
  for (const auto& e : entries_) {
    head += "," + csv_field(e.key);
    row += "," + csv_field(e.value.is_string() ? e.value.get<std::string>() : e.value.dump());
  }
  return head + "\n" + row + "\n";
}

}  // namespace report
