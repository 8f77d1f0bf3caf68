#include "sim/sweep/merge.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <stdexcept>

#include "sim/cfg/csv.h"
#include "sim/sweep/point.h"

namespace sweep {
using cfg::csv_field;
using cfg::split_csv;

MergeResult merge(const std::string& dir, const Plan& plan) {
  MergeResult m;
  struct Row {
    std::string status, exit_code, message;
    std::map<std::string, std::string> report;
  };
  std::vector<Row> rows;
  std::vector<std::string> report_cols;  // the report CSV's columns, first-seen order
  nlohmann::json all = nlohmann::json::array();
  for (const Point& p : plan.points) {
    Row r;
    nlohmann::json j;
    j["point"] = p.name, j["index"] = p.index;
    j["params"] = nlohmann::json::object();
    for (const Param& q : p.params) j["params"][q.key] = q.value;
    const auto st = read_status(dir, p);
    if (!st) {
      r.status = "not run", ++m.not_run;
      j["status"] = r.status;
    } else {
      r.status = st->exit_code == 0 ? "ok" : "failed";
      r.exit_code = std::to_string(st->exit_code), r.message = st->message;
      (st->exit_code == 0 ? m.ok : m.failed)++;
      j["status"] = r.status, j["exit_code"] = st->exit_code, j["message"] = st->message, j["seconds"] = st->seconds, j["host"] = st->host;
      std::ifstream csv(point_file(dir, p, ".csv"));
      std::string head, vals;
      if (st->exit_code == 0 && std::getline(csv, head) && std::getline(csv, vals)) {
        const auto h = split_csv(head), v = split_csv(vals);
        for (size_t c = 0; c < h.size() && c < v.size(); ++c) {
          if (!r.report.count(h[c]) && std::find(report_cols.begin(), report_cols.end(), h[c]) == report_cols.end()) report_cols.push_back(h[c]);
          r.report[h[c]] = v[c];
        }
      }
      std::ifstream stats(point_file(dir, p, ".json"));
      if (st->exit_code == 0 && stats) {
        try {
          nlohmann::json s;
          stats >> s;
          j["stats"] = s;
        } catch (const nlohmann::json::exception&) {
        }
      }
    }
    rows.push_back(std::move(r));
    all.push_back(j);
  }
  const std::string csv_path = dir + "/results.csv", json_path = dir + "/results.json";
  {
    std::ofstream o(csv_path + ".tmp");
    o << "point,status,exit_code,message";
    for (const auto& c : plan.columns) o << "," << csv_field(c);
    for (const auto& c : report_cols)  // a report column named like a swept one (workload, config) gets a prefix
      o << "," << csv_field(std::find(plan.columns.begin(), plan.columns.end(), c) != plan.columns.end() ? "report_" + c : c);
    o << "\n";
    for (size_t i = 0; i < rows.size(); ++i) {
      const Row& r = rows[i];
      o << csv_field(plan.points[i].name) << "," << r.status << "," << r.exit_code << "," << csv_field(r.message);
      for (const auto& q : plan.points[i].params) o << "," << csv_field(q.value);
      for (const auto& c : report_cols) {
        const auto it = r.report.find(c);
        o << "," << (it == r.report.end() ? "" : csv_field(it->second));
      }
      o << "\n";
    }
    if (!o) throw std::runtime_error("cannot write " + csv_path);
  }
  {
    std::ofstream o(json_path + ".tmp");
    nlohmann::json doc;
    doc["schema"] = "tilesim-sweep-results/1", doc["spec"] = plan.spec, doc["name"] = plan.name, doc["columns"] = plan.columns, doc["points"] = all;
    o << doc.dump(1) << "\n";
    if (!o) throw std::runtime_error("cannot write " + json_path);
  }
  std::rename((csv_path + ".tmp").c_str(), csv_path.c_str());
  std::rename((json_path + ".tmp").c_str(), json_path.c_str());
  return m;
}

}  // namespace sweep
