#include "sim/report/compare.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

namespace report {

namespace {

struct Published {
  const char *c, *device;
  double tops;
  const char* source;
};
const Published kPublished[] = {
#define PUBLISHED(c, device, tops, source) {c, device, tops, source},
#include "sim/report/published.def"
#undef PUBLISHED
};
struct Peak {
  const char *device, *dtype;
  double tops;
  const char* source;
};
const Peak kPeaks[] = {
#define PEAK(device, dtype, tops, source) {device, dtype, tops, source},
#include "sim/report/published.def"
#undef PEAK
};

double peak_of(const std::string& device, const std::string& dtype) {
  for (const auto& p : kPeaks)
    if (device.find(p.device) != std::string::npos && dtype == p.dtype) return p.tops;
  return -1;
}

const nlohmann::json& need(const nlohmann::json& j, const char* key, const std::string& file) {
  if (!j.is_object() || !j.contains(key)) throw CompareInputError(file + ": no \"" + key + "\" (not a tilesim stats JSON or tilesim-gpu JSON?)");
  return j[key];
}
double num(const nlohmann::json& j, const char* key, const std::string& file) {
  const auto& v = need(j, key, file);
  if (v.is_null()) return -1;
  if (!v.is_number()) throw CompareInputError(file + ": \"" + key + "\" is not a number");
  return v.get<double>();
}

std::string fmt(double v, const char* f) {
  if (v < 0) return "-";
  char b[32];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

}  // namespace

void split_case(const std::string& c, std::string& group, std::string& dtype) {
  const size_t a = c.find(':'), b = a == std::string::npos ? a : c.find(':', a + 1);
  if (b == std::string::npos) {
    group = c, dtype = "";
    return;
  }
  group = c.substr(0, a) + c.substr(b);
  dtype = c.substr(a + 1, b - a - 1);
}

std::vector<CompareRow> sim_rows(const nlohmann::json& s, const std::string& file) {
  CompareRow r;
  const auto& c = need(s, "case", file);
  if (!c.is_string()) throw CompareInputError(file + ": \"case\" is not a string");
  split_case(c.get<std::string>(), r.group, r.dtype);
  r.provenance = "simulated";
  r.who = need(s, "config", file).get<std::string>() + " (tilesim)";
  r.us = num(s, "simulated_us", file);
  r.tops = num(s, "achieved_tops", file);
  const double peak = num(s, "peak_tops", file), macs = num(s, "useful_macs", file), pj = num(s, "energy_pj", file);
  r.pct_peak = peak > 0 ? 100 * r.tops / peak : -1;
  r.pj_per_op = macs > 0 ? pj / (2 * macs) : -1;
  r.tops_per_w = num(s, "tops_per_w", file);
  r.tops_per_mm2 = num(s, "tops_per_mm2", file);
  const std::string res = need(s, "result", file).get<std::string>();
  r.exact = res == "PASS" ? "yes" : (res == "FAIL" || res == "MISMATCH") ? "NO" : "-";  // else not checked
  r.seed = s.contains("seed") ? num(s, "seed", file) : -1;
  r.source = file;
  return {r};
}

std::vector<CompareRow> gpu_rows(const nlohmann::json& g, const std::string& file) {
  if (need(g, "schema", file) != "tilesim-gpu/1") throw CompareInputError(file + ": schema is not tilesim-gpu/1");
  const std::string device = need(need(g, "device", file), "name", file).get<std::string>();
  const std::string date = need(g, "date", file).get<std::string>();
  const double seed = num(g, "seed", file);
  std::vector<CompareRow> out;
  for (const auto& run : need(g, "runs", file)) {
    CompareRow r;
    split_case(need(run, "case", file).get<std::string>(), r.group, r.dtype);
    r.provenance = "measured";
    r.who = device + " " + need(run, "kernel", file).get<std::string>() + (need(run, "vendor", file).get<bool>() ? " (vendor)" : "");
    r.us = num(run, "ms_mean", file) * 1e3;
    r.tops = num(run, "tops", file);
    const double peak = peak_of(device, r.dtype);
    r.pct_peak = peak > 0 ? 100 * r.tops / peak : -1;
    r.pj_per_op = num(run, "pj_per_op", file);
    r.tops_per_w = r.pj_per_op > 0 ? 1.0 / r.pj_per_op : -1;  // ops per pJ = TOPS/W
    const auto& match = need(run, "match", file);  // null: not checked (a vendor run on other inputs)
    r.exact = match.is_null() ? "-" : match.get<bool>() ? "yes" : "NO";
    r.seed = seed;
    r.source = file + ", " + date;
    out.push_back(r);
  }
  return out;
}

std::vector<CompareRow> published_rows(const std::vector<std::string>& groups) {
  std::vector<CompareRow> out;
  for (const auto& p : kPublished) {
    CompareRow r;
    split_case(p.c, r.group, r.dtype);
    if (!groups.empty() && std::find(groups.begin(), groups.end(), r.group) == groups.end()) continue;
    r.provenance = "published";
    r.who = p.device;
    r.tops = p.tops;
    const double peak = peak_of(p.device, r.dtype);
    r.pct_peak = peak > 0 ? 100 * r.tops / peak : -1;
    r.exact = "-";
    r.source = p.source;
    out.push_back(r);
  }
  return out;
}

namespace {
/// Groups in first-seen order, rows within a group simulated, measured, published.
std::vector<std::pair<std::string, std::vector<CompareRow>>> grouped(const std::vector<CompareRow>& rows) {
  std::vector<std::pair<std::string, std::vector<CompareRow>>> g;
  for (const auto& r : rows) {
    auto it = std::find_if(g.begin(), g.end(), [&](const auto& x) { return x.first == r.group; });
    if (it == g.end()) g.push_back({r.group, {}}), it = g.end() - 1;
    it->second.push_back(r);
  }
  const std::map<std::string, int> order = {{"simulated", 0}, {"measured", 1}, {"published", 2}};
  for (auto& [name, rs] : g)
    std::stable_sort(rs.begin(), rs.end(), [&](const CompareRow& a, const CompareRow& b) { return order.at(a.provenance) < order.at(b.provenance); });
  return g;
}
}  // namespace

std::string compare_text(const std::vector<CompareRow>& rows) {
  std::ostringstream o;
  char line[512];
  for (const auto& [group, rs] : grouped(rows)) {
    o << "== " << group << " ==\n";
    std::snprintf(line, sizeof line, "  %-10s %-50s %-8s %12s %10s %7s %8s %8s %9s %5s  %s\n", "", "who", "dtype", "time us", "TOPS", "% peak",
                  "pJ/op", "TOPS/W", "TOPS/mm2", "exact", "source");
    o << line;
    for (const auto& r : rs) {
      std::snprintf(line, sizeof line, "  %-10s %-50s %-8s %12s %10s %7s %8s %8s %9s %5s  %s\n", r.provenance.c_str(), r.who.c_str(),
                    r.dtype.c_str(), fmt(r.us, "%.2f").c_str(), fmt(r.tops, "%.2f").c_str(), fmt(r.pct_peak, "%.1f").c_str(),
                    fmt(r.pj_per_op, "%.4f").c_str(), fmt(r.tops_per_w, "%.2f").c_str(), fmt(r.tops_per_mm2, "%.3f").c_str(), r.exact.c_str(),
                    r.source.c_str());
      o << line;
    }
    // Ratios: each simulated row against the fastest measured row whose output matched and the
    // fastest published row.
    for (const auto& s : rs) {
      if (s.provenance != "simulated" || s.tops <= 0) continue;
      for (const char* kind : {"measured", "published"}) {
        const CompareRow* best = nullptr;
        for (const auto& r : rs)
          if (r.provenance == kind && r.tops > 0 && r.exact != "NO" && (!best || r.tops > best->tops)) best = &r;  // never against a wrong result
        if (!best) continue;
        std::snprintf(line, sizeof line, "  ratio: %s / %s %s (%s): %.2fx the TOPS", s.who.c_str(), kind, best->who.c_str(), best->dtype.c_str(),
                      s.tops / best->tops);
        o << line;
        if (s.us > 0 && best->us > 0) o << ", " << fmt(best->us / s.us, "%.2f") << "x faster";
        if (s.pj_per_op > 0 && best->pj_per_op > 0) o << ", " << fmt(best->pj_per_op / s.pj_per_op, "%.2f") << "x less energy per op";
        if (std::string(kind) == "measured" && s.seed >= 0 && s.seed == best->seed && s.exact == "yes" && best->exact == "yes")
          o << "; outputs bit-identical (same seed, both equal the golden model)";
        o << "\n";
      }
    }
    if (std::none_of(rs.begin(), rs.end(), [](const CompareRow& r) { return r.provenance == "simulated"; })) o << "  (no simulated run of this shape)\n";
    if (std::none_of(rs.begin(), rs.end(), [](const CompareRow& r) { return r.provenance != "simulated"; }))
      o << "  (no GPU row of this shape: measured or published)\n";
  }
  return o.str();
}

std::string compare_csv(const std::vector<CompareRow>& rows) {
  std::ostringstream o;
  o << "group,provenance,who,dtype,time_us,tops,pct_peak,pj_per_op,tops_per_w,tops_per_mm2,exact,source\n";
  auto q = [](const std::string& s) { return "\"" + s + "\""; };
  for (const auto& [group, rs] : grouped(rows))
    for (const auto& r : rs)
      o << q(group) << "," << r.provenance << "," << q(r.who) << "," << r.dtype << "," << fmt(r.us, "%.4f") << "," << fmt(r.tops, "%.4f") << ","
        << fmt(r.pct_peak, "%.2f") << "," << fmt(r.pj_per_op, "%.6f") << "," << fmt(r.tops_per_w, "%.4f") << "," << fmt(r.tops_per_mm2, "%.4f")
        << "," << r.exact << "," << q(r.source) << "\n";
  return o.str();
}

}  // namespace report
