#include "sim/sweep/pool.h"

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <map>
#include <thread>

#include "sim/sweep/point.h"

namespace sweep {
namespace {

std::string duration(double s) {
  char b[32];
  if (s < 60) std::snprintf(b, sizeof b, "%.0f s", s);
  else if (s < 3600) std::snprintf(b, sizeof b, "%dm%02ds", int(s) / 60, int(s) % 60);
  else std::snprintf(b, sizeof b, "%dh%02dm", int(s) / 3600, int(s) % 3600 / 60);
  return b;
}

}  // namespace

unsigned default_jobs(uint32_t threads_per_run) {
  const unsigned cpus = std::max(1u, std::thread::hardware_concurrency());
  if (threads_per_run == 0) return 1;
  return std::max(1u, cpus / threads_per_run);
}

PoolResult run_pool(const std::string& dir, const Plan& plan, const PoolOptions& o, const std::string& self_exe) {
  PoolResult r;
  std::vector<size_t> todo;
  for (const Point& p : plan.points) {
    const auto st = read_status(dir, p);
    if (st && (st->exit_code == 0 || !o.retry_failed)) {
      ++r.skipped;
      if (st->exit_code != 0) ++r.failed;
      continue;
    }
    todo.push_back(p.index);
  }
  const size_t total = plan.points.size();
  if (r.skipped)
    std::fprintf(stderr, "sweep: %zu of %zu points ran before (%zu of them failed%s): skipped\n", r.skipped, total, r.failed,
                 r.failed && !o.retry_failed ? "; --retry-failed runs those again" : "");
  const bool tty = isatty(2);
  const auto t0 = std::chrono::steady_clock::now();
  std::map<pid_t, size_t> running;
  size_t next = 0, done = 0;
  double busy = 0;  // seconds of finished points, for the ETA
  auto progress = [&]() {
    const double el = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::string eta = "-";
    if (done > 0) eta = duration(busy / done * double(todo.size() - done) / std::max<size_t>(1, std::min<size_t>(o.jobs, todo.size() - done)));
    std::fprintf(stderr, "%ssweep: %zu/%zu points done (%zu failed, %zu running, %zu done before), %s elapsed, ETA %s%s", tty ? "\r" : "",
                 r.skipped + done, total, r.failed, running.size(), r.skipped, duration(el).c_str(), eta.c_str(), tty ? "   " : "\n");
    std::fflush(stderr);
  };
  while ((next < todo.size() && !r.interrupted) || !running.empty()) {
    while (!r.interrupted && next < todo.size() && running.size() < o.jobs) {
      const size_t i = todo[next++];
      const pid_t pid = fork();
      if (pid == 0) {
        const std::string idx = std::to_string(i);
        execl(self_exe.c_str(), self_exe.c_str(), "sweep", "--out", dir.c_str(), "--point", idx.c_str(), static_cast<char*>(nullptr));
        _exit(127);
      }
      if (pid > 0) running[pid] = i;
    }
    int ws = 0;
    const pid_t pid = wait(&ws);
    if (pid < 0) break;
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    const size_t i = it->second;
    running.erase(it);
    const int code = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
    if (code == 130) {  // Ctrl-C: stop starting points; the interrupted ones have no status
      r.interrupted = true;
      continue;
    }
    ++done, ++r.ran;
    const auto st = read_status(dir, plan.points[i]);
    if (!st || st->exit_code != 0) ++r.failed;
    if (st) busy += st->seconds;
    progress();
  }
  if (tty && !r.interrupted) std::fprintf(stderr, "\n");
  return r;
}

}  // namespace sweep
