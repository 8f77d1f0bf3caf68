#include "sim/sweep/plan.h"

#include <unistd.h>

#include <cctype>
#include <climits>
#include <map>
#include <cstdlib>
#include <functional>
#include <sstream>
#include <stdexcept>

#include "sim/cfg/config_io.h"

namespace sweep {
namespace {

/// 64-bit FNV-1a, as hex: a stable fingerprint of text (not a security hash).
std::string fnv(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  char b[17];
  std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(h));
  return b;
}

std::string join_path(const std::string& dir, const std::string& p) {
  if (p.empty() || p[0] == '/') return p;
  return dir + "/" + p;
}

/// A file name from the swept parameters: key=value pairs joined by ','; characters other than
/// letters, digits and ._=,+- become '_'; long names keep a prefix and a hash.
std::string point_name(const std::vector<Param>& ps) {
  std::string n;
  for (const Param& p : ps) {
    std::string key = p.key.rfind("args.", 0) == 0 ? p.key.substr(5) : p.key;
    std::string v = p.value;
    if (key == "config") {  // configs by file name
      const size_t s = v.find_last_of('/');
      v = v.substr(s == std::string::npos ? 0 : s + 1);
      if (v.size() > 5 && v.compare(v.size() - 5, 5, ".yaml") == 0) v.resize(v.size() - 5);
    }
    n += (n.empty() ? "" : ",") + key + "=" + (v.empty() ? "-" : v);
  }
  if (n.empty()) n = "point";
  for (char& c : n)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '=' || c == ',' || c == '+' || c == '-')) c = '_';
  if (n.size() > 150) n = n.substr(0, 133) + "~" + fnv(n);
  return n;
}

}  // namespace

std::string absolute(const std::string& path) {
  if (!path.empty() && path[0] == '/') return path;
  char buf[PATH_MAX];
  if (!getcwd(buf, sizeof buf)) return path;
  std::string p = std::string(buf) + "/" + path;
  char real[PATH_MAX];
  if (realpath(p.c_str(), real)) return real;
  return p;
}

Plan expand(const cfg::SweepSpec& s, const std::string& tilesim_exe) {
  Plan plan;
  plan.spec = absolute(s.file);
  plan.name = s.name;
  plan.tilesim = tilesim_exe;
  const std::string dir = absolute(s.dir);
  // Every point takes one value of each fixed parameter, one of each axis and the i-th values
  // of each zip group: axes and groups crossed, the last fastest.
  struct Dim {
    std::vector<const cfg::SpecAxis*> lists;  // one axis, or a zip group's lists
    size_t size;
  };
  std::vector<Dim> dims;
  for (const auto& a : s.axes) dims.push_back({{&a}, a.values.size()}), plan.columns.push_back(a.key);
  for (const auto& g : s.zips) {
    Dim d{{}, g.empty() ? 1 : g[0].values.size()};
    for (const auto& z : g) d.lists.push_back(&z), plan.columns.push_back(z.key);
    dims.push_back(d);
  }
  size_t total = 1;
  for (const Dim& d : dims) total *= d.size;
  if (total > 1000000) throw cfg::SweepSpecError(s.file + ": " + std::to_string(total) + " points: at most 1,000,000 in one sweep");
  for (size_t n = 0; n < total; ++n) {
    Point p;
    p.index = n;
    std::vector<size_t> at(dims.size());
    for (size_t rest = n, d = dims.size(); d-- > 0;) at[d] = rest % dims[d].size, rest /= dims[d].size;
    std::vector<std::pair<std::string, cfg::SpecValue>> swept;
    for (size_t d = 0; d < dims.size(); ++d)
      for (const cfg::SpecAxis* l : dims[d].lists) {
        swept.push_back({l->key, l->values[at[d]]});
        p.params.push_back({l->key, l->values[at[d]].null ? "" : l->values[at[d]].text});
      }
    // the point's workload first: per-workload args depend on it
    std::string workload;
    for (const auto& f : s.fixed)
      if (f.key == "workload") workload = f.values[0].text;
    for (const auto& [k, v] : swept)
      if (k == "workload") workload = v.text;
    // later entries win: fixed args, this workload's args, then the swept values
    std::vector<std::pair<std::string, cfg::SpecValue>> all;
    for (const auto& f : s.fixed)
      if (f.workload.empty()) all.push_back({f.key, f.values[0]});
    for (const auto& f : s.fixed)
      if (f.workload == workload && !f.workload.empty()) all.push_back({f.key, f.values[0]});
    all.insert(all.end(), swept.begin(), swept.end());
    std::string config, seed = "1";
    std::vector<std::string> order;
    std::map<std::string, cfg::SpecValue> last;
    for (const auto& [k, v] : all) {
      if (!last.count(k)) order.push_back(k);
      last[k] = v;
    }
    std::vector<std::string> args, sets;
    for (const std::string& k : order) {
      const cfg::SpecValue& v = last[k];
      if (v.null) continue;  // not given at this point
      if (k == "config") config = join_path(dir, v.text);
      else if (k == "workload") continue;
      else if (k == "seed") seed = v.text;
      else if (k.rfind("args.", 0) == 0) {
        const std::string opt = "--" + k.substr(5);
        if (v.boolean) {
          if (v.text == "true") args.push_back(opt);
        } else {
          args.push_back(opt), args.push_back(v.text);
        }
      } else {
        sets.push_back("--set"), sets.push_back(k + "=" + v.text);
      }
    }
    for (Param& q : p.params)
      if (q.key == "config") q.value = join_path(dir, q.value);
    p.argv = {"run"};
    if (!config.empty()) p.argv.insert(p.argv.end(), {"--config", config});
    p.argv.insert(p.argv.end(), {"--workload", workload});
    p.argv.insert(p.argv.end(), args.begin(), args.end());
    p.argv.insert(p.argv.end(), sets.begin(), sets.end());
    p.argv.insert(p.argv.end(), {"--seed", seed, "-q"});
    p.name = point_name(p.params);
    plan.points.push_back(std::move(p));
  }
  // Names must be unique (sanitizing could merge two): the later ones get their index.
  std::map<std::string, int> seen;
  for (Point& p : plan.points)
    if (seen[p.name]++) p.name += "~" + std::to_string(p.index);
  std::string all;
  for (const Point& p : plan.points) {
    for (const auto& a : p.argv) all += a + '\x1f';
    all += '\x1e';
  }
  plan.hash = fnv(all);
  // Threads one run uses, from the first point's config (every point's config is checked by its run).
  try {
    std::string config;
    for (const auto& f : s.fixed)
      if (f.key == "config") config = join_path(dir, f.values[0].text);
    for (const auto& a : s.axes)
      if (a.key == "config") config = join_path(dir, a.values[0].text);
    const cfg::HwConfig c = cfg::load_config(config);
    plan.threads_per_run = c.sim.host_threads;
  } catch (const cfg::ConfigError&) {
    plan.threads_per_run = 1;  // the points report the config's error themselves
  }
  return plan;
}

nlohmann::json to_json(const Plan& p) {
  nlohmann::json j;
  j["schema"] = "tilesim-sweep/1";
  j["spec"] = p.spec, j["name"] = p.name, j["tilesim"] = p.tilesim, j["hash"] = p.hash, j["columns"] = p.columns;
  j["threads_per_run"] = p.threads_per_run;
  j["points"] = nlohmann::json::array();
  for (const Point& pt : p.points) {
    nlohmann::json q;
    q["index"] = pt.index, q["name"] = pt.name, q["argv"] = pt.argv;
    q["params"] = nlohmann::json::object();
    for (const Param& a : pt.params) q["params"][a.key] = a.value;
    j["points"].push_back(q);
  }
  return j;
}

Plan plan_from_json(const nlohmann::json& j) {
  if (!j.is_object() || j.value("schema", "") != "tilesim-sweep/1") throw std::runtime_error("not a tilesim sweep manifest (schema tilesim-sweep/1)");
  Plan p;
  p.spec = j.at("spec"), p.name = j.at("name"), p.tilesim = j.at("tilesim"), p.hash = j.at("hash");
  p.columns = j.at("columns").get<std::vector<std::string>>();
  p.threads_per_run = j.value("threads_per_run", 1u);
  for (const auto& q : j.at("points")) {
    Point pt;
    pt.index = q.at("index"), pt.name = q.at("name"), pt.argv = q.at("argv").get<std::vector<std::string>>();
    for (const std::string& c : p.columns) pt.params.push_back({c, q.at("params").value(c, "")});
    p.points.push_back(std::move(pt));
  }
  return p;
}

std::string manifest_path(const std::string& dir) { return dir + "/sweep.json"; }
std::string point_file(const std::string& dir, const Point& p, const std::string& ext) { return dir + "/points/" + p.name + ext; }

}  // namespace sweep
