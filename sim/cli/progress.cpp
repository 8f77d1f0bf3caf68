#include "sim/cli/progress.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace cli {

bool progress_wanted() {
  if (const char* e = std::getenv("TILESIM_PROGRESS")) return std::string(e) != "0";
  return ::isatty(2) != 0;
}

Progress::Progress(bool enabled) : enabled_(enabled) {
  if (const char* e = std::getenv("TILESIM_PROGRESS"); e && std::string(e) == "1") min_elapsed_ = 0;  // forced: from the start
  if (enabled_) th_ = std::thread([this] { loop(); });
}

Progress::~Progress() {
  if (!enabled_) return;
  {
    std::lock_guard<std::mutex> l(mu_);
    quit_ = true;
  }
  cv_.notify_all();
  th_.join();
}

void Progress::phase(const std::string& name, uint64_t total, const char* unit) {
  if (!enabled_) return;
  std::lock_guard<std::mutex> l(mu_);
  phase_ = name;
  total_ = total;
  unit_ = unit;
  t0_ = std::chrono::steady_clock::now();
  cycles_ = instret_ = done_ = 0;
}

void Progress::end_phase() {
  if (!enabled_) return;
  std::lock_guard<std::mutex> l(mu_);
  phase_.clear();
  if (drawn_) std::fprintf(stderr, "\r\033[K");
  drawn_ = false;
}

static std::string si(double v) {
  char b[32];
  if (v >= 1e9) std::snprintf(b, sizeof b, "%.2f G", v / 1e9);
  else if (v >= 1e6) std::snprintf(b, sizeof b, "%.1f M", v / 1e6);
  else if (v >= 1e3) std::snprintf(b, sizeof b, "%.1f k", v / 1e3);
  else std::snprintf(b, sizeof b, "%.0f", v);
  return b;
}

std::string Progress::format(const std::string& phase, double elapsed, uint64_t cycles, uint64_t instret, uint64_t done,
                             uint64_t total, const char* unit) {
  std::string s = "tilesim [" + phase + "] " + std::to_string(static_cast<long long>(elapsed)) + " s";
  if (cycles) {
    s += "  " + si(double(cycles)) + " cycles  " + si(double(instret)) + " instructions  " + si(double(cycles) / elapsed) + " cycles/s";
  }
  if (total) {
    char b[96];
    const double f = double(done) / double(total);
    std::snprintf(b, sizeof b, "  %s%s (%.0f%%)", si(double(done)).c_str(), unit, 100.0 * f);
    s += b;
    if (done > 0 && f < 1) {
      std::snprintf(b, sizeof b, "  ETA %.0f s", elapsed * (1 - f) / f);
      s += b;
    }
  }
  return s;
}

void Progress::loop() {
  std::unique_lock<std::mutex> l(mu_);
  while (!quit_) {
    cv_.wait_for(l, std::chrono::milliseconds(250));
    if (quit_ || phase_.empty()) continue;
    const double el = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
    if (el < min_elapsed_) continue;  // quick phases draw nothing
    const std::string line = format(phase_, el, cycles_.load(), instret_.load(), done_.load(), total_, unit_);
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
    drawn_ = true;
  }
  if (drawn_) std::fprintf(stderr, "\r\033[K");
}

}  // namespace cli
