#include "sim/sweep/point.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sweep {
namespace {

/// The run's error: the last line tilesim printed as "tilesim: ..." (else the last non-empty
/// line), trimmed, at most 300 characters.
std::string last_line(const std::string& path) {
  std::ifstream f(path);
  std::string line, last, err;
  while (std::getline(f, line)) {
    const size_t a = line.find_first_not_of(" \t\r"), b = line.find_last_not_of(" \t\r");
    if (a == std::string::npos) continue;
    last = line.substr(a, b - a + 1);
    if (last.rfind("tilesim: ", 0) == 0) err = last.substr(9);
  }
  if (!err.empty()) last = err;
  return last.size() > 300 ? last.substr(0, 297) + "..." : last;
}

std::string hostname() {
  char b[256] = {};
  gethostname(b, sizeof b - 1);
  return b;
}

}  // namespace

int run_point(const std::string& dir, const Plan& plan, size_t i) {
  if (i >= plan.points.size())
    throw std::out_of_range("--point " + std::to_string(i) + ": the sweep has " + std::to_string(plan.points.size()) + " points (0 .. " +
                            std::to_string(plan.points.size() - 1) + ")");
  const Point& p = plan.points[i];
  std::vector<std::string> argv = p.argv;
  argv.insert(argv.end(), {"--stats-json", point_file(dir, p, ".json"), "--csv", point_file(dir, p, ".csv")});
  const std::string log = point_file(dir, p, ".log");
  std::remove(point_file(dir, p, ".status.json").c_str());
  const auto t0 = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) dup2(fd, 1), dup2(fd, 2), close(fd);
    std::vector<char*> cargs{const_cast<char*>(plan.tilesim.c_str())};
    for (auto& a : argv) cargs.push_back(const_cast<char*>(a.c_str()));
    cargs.push_back(nullptr);
    execv(plan.tilesim.c_str(), cargs.data());
    std::fprintf(stderr, "tilesim sweep: cannot run %s\n", plan.tilesim.c_str());
    _exit(127);
  }
  int ws = 0;
  while (waitpid(pid, &ws, 0) < 0) {
  }
  Status s;
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  s.host = hostname();
  if (WIFSIGNALED(ws)) {
    s.exit_code = 128 + WTERMSIG(ws);
    s.message = "killed by signal " + std::to_string(WTERMSIG(ws));
  } else {
    s.exit_code = WEXITSTATUS(ws);
    if (s.exit_code != 0) s.message = last_line(log);
  }
  if (s.exit_code == 130 || (WIFSIGNALED(ws) && WTERMSIG(ws) == SIGINT)) return 130;  // interrupted: not a result
  nlohmann::json j;
  j["exit_code"] = s.exit_code, j["message"] = s.message, j["seconds"] = s.seconds, j["host"] = s.host;
  const std::string f = point_file(dir, p, ".status.json");
  {
    std::ofstream o(f + ".tmp");
    o << j.dump(1) << "\n";
  }
  std::rename((f + ".tmp").c_str(), f.c_str());  // atomic: a status is whole or absent
  return s.exit_code;
}

std::optional<Status> read_status(const std::string& dir, const Point& p) {
  std::ifstream f(point_file(dir, p, ".status.json"));
  if (!f) return std::nullopt;
  try {
    nlohmann::json j;
    f >> j;
    Status s;
    s.exit_code = j.at("exit_code"), s.message = j.value("message", ""), s.seconds = j.value("seconds", 0.0), s.host = j.value("host", "");
    return s;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace sweep
