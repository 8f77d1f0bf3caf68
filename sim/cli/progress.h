#pragma once
// A progress line on stderr while a run takes more than about a second, when stderr is a
// terminal (nothing otherwise): the phase (inputs / simulation / check / cases), its elapsed
// time, and what the phase reports (cycles, instructions, rate, ETA). A background thread
// redraws it every 0.25 s from values the work stores in atomics, so the work itself only pays
// for a few relaxed stores.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace cli {

class Progress {
 public:
  /// enabled: draw at all (callers pass isatty(2) unless told otherwise).
  explicit Progress(bool enabled);
  ~Progress();  ///< clears the line

  /// Starts a phase; `total` (0: unknown) is what done() counts towards, for the ETA.
  void phase(const std::string& name, uint64_t total = 0, const char* unit = "");
  /// Simulation figures (cycles, instructions) and how much of the total is done.
  void update(uint64_t cycles, uint64_t instret, uint64_t done) {
    cycles_.store(cycles, std::memory_order_relaxed);
    instret_.store(instret, std::memory_order_relaxed);
    done_.store(done, std::memory_order_relaxed);
  }
  void set_done(uint64_t done) { done_.store(done, std::memory_order_relaxed); }
  /// Ends the phase and clears the line.
  void end_phase();
  bool enabled() const { return enabled_; }

 private:
  /// The line drawn for the given state.
  static std::string format(const std::string& phase, double elapsed_s, uint64_t cycles, uint64_t instret, uint64_t done,
                            uint64_t total, const char* unit);
  void loop();
  bool enabled_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool quit_ = false, drawn_ = false;
  double min_elapsed_ = 1.0;  ///< a phase shorter than this draws nothing
  std::string phase_;
  const char* unit_ = "";
  uint64_t total_ = 0;
  std::chrono::steady_clock::time_point t0_;
  std::atomic<uint64_t> cycles_{0}, instret_{0}, done_{0};
  std::thread th_;
};

/// True when stderr is a terminal and TILESIM_PROGRESS is not 0 (1 forces it on, drawn from the
/// first 0.25 s of a phase instead of after 1 s).
bool progress_wanted();

}  // namespace cli
