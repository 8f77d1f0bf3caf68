// Reading a sweep spec (sweep_spec.h): the YAML's structure, with file:line errors.
#include "sim/cfg/sweep_spec.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "sim/cfg/config_io.h"

namespace cfg {
namespace {

std::string at(const std::string& origin, const YAML::Node& n) { return origin + ":" + std::to_string(n.Mark().line + 1); }

[[noreturn]] void fail(const std::string& origin, const YAML::Node& n, const std::string& key, const std::string& what) {
  throw SweepSpecError(at(origin, n) + ": " + key + ": " + what);
}

const char* kind(const YAML::Node& n) {
  return n.IsMap() ? "a mapping" : n.IsSequence() ? "a list" : n.IsNull() ? "nothing" : "a scalar";
}

SpecValue scalar(const std::string& origin, const YAML::Node& n, const std::string& key, bool null_ok = false) {
  if (null_ok && n.IsNull()) return SpecValue{"", n.Mark().line + 1, false, true};
  if (!n.IsScalar()) fail(origin, n, key, std::string("expected a number, string or true/false, got ") + kind(n));
  SpecValue v{n.Scalar(), n.Mark().line + 1, false};
  v.boolean = n.Tag() != "!" && (v.text == "true" || v.text == "false");  // "!" = quoted: a string
  return v;
}

/// A parameter's values: a scalar (one value) or a non-empty list of scalars.
SpecAxis values(const std::string& origin, const std::string& key, const YAML::Node& n, bool list_required) {
  SpecAxis a{key, {}, n.Mark().line + 1};
  if (n.IsSequence()) {
    if (n.size() == 0) fail(origin, n, key, "an empty list: an axis needs at least one value");
    bool any = false;
    for (const auto& v : n) {
      a.values.push_back(scalar(origin, v, key, list_required && key != "workload" && key != "config"));
      any |= !a.values.back().null;
    }
    if (!any) fail(origin, n, key, "every value is null: give at least one");
  } else if (list_required) {
    fail(origin, n, key, std::string("expected a list of values, got ") + kind(n));
  } else {
    a.values.push_back(scalar(origin, n, key));
  }
  return a;
}

void check_no_duplicates(const std::string& origin, const YAML::Node& map, const std::string& where) {
  std::map<std::string, int> seen;
  for (const auto& kv : map) {
    const auto [it, fresh] = seen.emplace(kv.first.Scalar(), kv.first.Mark().line + 1);
    if (!fresh) fail(origin, kv.first, where + kv.first.Scalar(), "given twice (first at line " + std::to_string(it->second) + ")");
  }
}

/// Checks a parameter name: config, workload, seed, args.X or a config key; a config key's values
/// must each be acceptable to the schema (the spec alone decides that).
void check_param(const std::string& origin, const YAML::Node& key_node, const SpecAxis& a) {
  const std::string& k = a.key;
  if (k == "config" || k == "workload" || k == "seed") return;
  if (k.rfind("args.", 0) == 0) {
    if (k.size() == 5) fail(origin, key_node, k, "name the workload option: args.OPTION");
    return;
  }
  for (const SpecValue& v : a.values) {
    if (v.null) continue;
    try {
      check_override(k + "=" + v.text);
    } catch (const ConfigError& e) {
      std::string msg = e.what();
      const std::string set = "--set: ";
      if (msg.rfind(set, 0) == 0) msg = msg.substr(set.size());
      throw SweepSpecError(origin + ":" + std::to_string(v.line) + ": " + msg + " (a config key axis; workload options are args.OPTION)");
    }
  }
}

}  // namespace

SweepSpec load_sweep_spec_text(const std::string& yaml, const std::string& origin, const std::string& dir) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    throw SweepSpecError(origin + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
  }
  if (!root.IsMap()) throw SweepSpecError(origin + ":1: <top>: expected a mapping (config, workload, args, axes, ...)");
  check_no_duplicates(origin, root, "");
  SweepSpec s;
  s.file = origin, s.dir = dir;
  std::set<std::string> params;
  auto add = [&](std::vector<SpecAxis>& to, const YAML::Node& key_node, SpecAxis a) {
    if (!params.insert(a.key).second) fail(origin, key_node, a.key, "is set twice (as a fixed value, an axis or a zip list)");
    check_param(origin, key_node, a);
    to.push_back(std::move(a));
  };
  static const std::set<std::string> kTop = {"config", "workload", "args", "set", "seed", "axes", "zip", "name"};
  for (const auto& kv : root) {
    const std::string k = kv.first.Scalar();
    const YAML::Node& v = kv.second;
    if (!kTop.count(k)) fail(origin, kv.first, k, "unknown key (known: config, workload, args, set, seed, axes, zip, name)");
    if (k == "name") {
      s.name = scalar(origin, v, k).text;
    } else if (k == "config" || k == "workload" || k == "seed") {
      SpecAxis a = values(origin, k, v, false);
      std::vector<SpecAxis>& to = a.values.size() > 1 ? s.axes : s.fixed;  // a list is an axis
      add(to, kv.first, std::move(a));
    } else if (k == "zip") {
      // one group (a mapping) or several (a list of mappings), each crossed with the others
      std::vector<YAML::Node> groups;
      if (v.IsMap()) groups.push_back(v);
      else if (v.IsSequence() && v.size() > 0) for (const auto& g : v) groups.push_back(g);
      else fail(origin, v, k, std::string("expected a mapping of lists, or a list of them, got ") + kind(v));
      for (const YAML::Node& g : groups) {
        if (!g.IsMap()) fail(origin, g, k, std::string("a zip group is a mapping of lists, got ") + kind(g));
        check_no_duplicates(origin, g, "zip.");
        s.zips.emplace_back();
        for (const auto& p : g) add(s.zips.back(), p.first, values(origin, p.first.Scalar(), p.second, true));
        for (const SpecAxis& z : s.zips.back())
          if (z.values.size() != s.zips.back()[0].values.size())
            throw SweepSpecError(origin + ":" + std::to_string(z.line) + ": zip." + z.key + ": " + std::to_string(z.values.size()) +
                                 " values, but zip." + s.zips.back()[0].key + " has " + std::to_string(s.zips.back()[0].values.size()) +
                                 " (lists of one zip group advance together: give them equal lengths)");
      }
    } else if (k == "args" || k == "set" || k == "axes") {
      if (!v.IsMap()) fail(origin, v, k, std::string("expected a mapping, got ") + kind(v));
      check_no_duplicates(origin, v, k + ".");
      for (const auto& p : v) {
        std::string pk = p.first.Scalar();
        if (k == "args" && p.second.IsMap()) {  // args: {WORKLOAD: {option: value}}: that workload's options
          check_no_duplicates(origin, p.second, "args." + pk + ".");
          for (const auto& q : p.second) {
            SpecAxis a = values(origin, "args." + q.first.Scalar(), q.second, false);
            a.workload = pk;
            s.fixed.push_back(std::move(a));  // per workload: may repeat across workloads
          }
          s.per_workload.push_back({pk, p.first.Mark().line + 1});
          continue;
        }
        if (k == "args") pk = "args." + pk;
        if (k == "args" || k == "set") {
          if (k == "set" && pk.rfind("args.", 0) == 0) fail(origin, p.first, pk, "workload options go under args:");
          add(s.fixed, p.first, values(origin, pk, p.second, false));
        } else {
          add(s.axes, p.first, values(origin, pk, p.second, true));
        }
      }
    }
  }
  if (!params.count("workload")) throw SweepSpecError(origin + ":1: workload: missing (a workload name or a list of them)");
  std::set<std::string> workloads;
  for (const auto* group : {&s.fixed, &s.axes})
    for (const SpecAxis& a : *group)
      if (a.key == "workload")
        for (const SpecValue& v : a.values) workloads.insert(v.text);
  for (const auto& g : s.zips)
    for (const SpecAxis& a : g)
      if (a.key == "workload")
        for (const SpecValue& v : a.values) workloads.insert(v.text);
  for (const auto& [w, line] : s.per_workload)
    if (!workloads.count(w))
      throw SweepSpecError(origin + ":" + std::to_string(line) + ": args." + w + ": options of a workload this sweep does not run (a typo?)");
  return s;
}

SweepSpec load_sweep_spec(const std::string& path) {
  std::ifstream f(path);
  if (!f) throw MissingConfigFile("cannot read sweep spec '" + path + "'");
  std::stringstream ss;
  ss << f.rdbuf();
  const size_t slash = path.find_last_of('/');
  return load_sweep_spec_text(ss.str(), path, slash == std::string::npos ? "." : path.substr(0, slash));
}

}  // namespace cfg
