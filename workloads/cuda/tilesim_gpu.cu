// tilesim-gpu: runs the CUDA reference kernels (kernels.cu) and, where present, the vendor's on
// the same inputs as `tilesim run --seed S` (workloads/host/recipes.h), checks every output bit
// for bit against the golden models on the host's CPUs, times each kernel with CUDA events after
// warm-up, samples board power through NVML (loaded with dlopen) and writes one JSON file
// (docs/gpu.md has the schema). Without a GPU it exits at once with code 69.
//   tilesim-gpu [--seed S] [--warmup N] [--reps N] [--json FILE] [--outputs DIR] [--inputs-only DIR]
//               [--no-vendor] [--probe] [--host-only] CASE...    CASE: WORKLOAD:DTYPE:SHAPE[:FLAG] (cases.cu)
#include <cuda_runtime.h>
#include <dlfcn.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sim/report/npy.h"
#include "workloads/cuda/harness.h"

namespace tsgpu {
namespace {

// ---- NVML through dlopen: the CPU machines have no nvml.h, the GPU machine has the library ----
class Power {
 public:
  Power() {
    lib_ = dlopen("libnvidia-ml.so.1", RTLD_NOW);
    if (!lib_) return;
    auto init = reinterpret_cast<int (*)()>(dlsym(lib_, "nvmlInit_v2"));
    auto handle = reinterpret_cast<int (*)(unsigned, void**)>(dlsym(lib_, "nvmlDeviceGetHandleByIndex_v2"));
    power_ = reinterpret_cast<int (*)(void*, unsigned*)>(dlsym(lib_, "nvmlDeviceGetPowerUsage"));
    int dev = 0;
    cudaGetDevice(&dev);
    ok_ = init && handle && power_ && init() == 0 && handle(static_cast<unsigned>(dev), &dev_) == 0;
  }
  bool ok() const { return ok_; }
  /// Samples board power every 5 ms while `work` runs; the mean in W (NaN without NVML).
  double during(const std::function<void()>& work) {
    if (!ok_) {
      work();
      return NAN;
    }
    std::atomic<bool> done{false};
    double sum = 0;
    long n = 0;
    std::thread sampler([&] {
      while (!done.load()) {
        unsigned mw = 0;
        if (power_(dev_, &mw) == 0) sum += mw * 1e-3, ++n;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    });
    work();
    done = true;
    sampler.join();
    return n ? sum / n : NAN;
  }

 private:
  void* lib_ = nullptr;
  void* dev_ = nullptr;
  int (*power_)(void*, unsigned*) = nullptr;
  bool ok_ = false;
};

struct Timing {
  double ms_mean = 0, ms_min = 0, watts = NAN;
  int reps = 0;
};

/// Warm-up, then at least `reps` timed launches and at least ~200 ms of them (for the power
/// samples), each between CUDA events.
Timing time_it(const std::function<void()>& launch, int warmup, int reps, Power& power) {
  for (int i = 0; i < warmup; ++i) launch();
  check(cudaDeviceSynchronize(), "warm-up");
  cudaEvent_t a, b;
  check(cudaEventCreate(&a), "event");
  check(cudaEventCreate(&b), "event");
  check(cudaEventRecord(a), "event");
  launch();
  check(cudaEventRecord(b), "event");
  check(cudaEventSynchronize(b), "event");
  float one = 0;
  cudaEventElapsedTime(&one, a, b);
  const int n = std::max(reps, std::min(1000, static_cast<int>(200.0 / std::max(one, 1e-3f))));
  std::vector<cudaEvent_t> ev(2 * n);
  for (auto& e : ev) check(cudaEventCreate(&e), "event");
  Timing t;
  t.reps = n;
  t.watts = power.during([&] {
    for (int i = 0; i < n; ++i) {
      cudaEventRecord(ev[2 * i]);
      launch();
      cudaEventRecord(ev[2 * i + 1]);
    }
    check(cudaDeviceSynchronize(), "timed launches");
  });
  check(cudaGetLastError(), "kernel");
  double sum = 0, lo = 1e300;
  for (int i = 0; i < n; ++i) {
    float ms = 0;
    cudaEventElapsedTime(&ms, ev[2 * i], ev[2 * i + 1]);
    sum += ms, lo = std::min(lo, double(ms));
  }
  for (auto& e : ev) cudaEventDestroy(e);
  cudaEventDestroy(a), cudaEventDestroy(b);
  t.ms_mean = sum / n, t.ms_min = lo;
  return t;
}

std::string today() {
  char b[32];
  const std::time_t t = std::time(nullptr);
  std::strftime(b, sizeof b, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return b;
}

int attr(cudaDeviceAttr a, int dev) {
  int v = 0;
  cudaDeviceGetAttribute(&v, a, dev);
  return v;
}

struct Options {
  HarnessOptions h;
  int warmup = 5, reps = 20;
  std::string json = "tilesim-gpu.json", outputs, inputs_only;
  bool probe = false;
  std::vector<Case> cases;
};

Options parse(int argc, char** argv) {
  Options o;
  auto value = [&](int& i) -> std::string {
    if (i + 1 >= argc) throw UsageError(std::string(argv[i]) + " needs a value");
    return argv[++i];
  };
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--seed") o.h.seed = std::strtoull(value(i).c_str(), nullptr, 10);
    else if (a == "--warmup") o.warmup = std::max(0, std::atoi(value(i).c_str()));
    else if (a == "--reps") o.reps = std::max(1, std::atoi(value(i).c_str()));
    else if (a == "--json") o.json = value(i);
    else if (a == "--outputs") o.outputs = value(i);
    else if (a == "--inputs-only") o.inputs_only = value(i);
    else if (a == "--no-vendor") o.h.vendor = false;
    else if (a == "--probe") o.probe = true;
    else if (a == "--host-only") o.h.device = false;
    else if (a == "--help" || a == "-h") throw UsageError("");
    else if (!a.empty() && a[0] == '-') throw UsageError("unknown option " + a);
    else o.cases.push_back(parse_case(a));
  }
  if (o.cases.empty() && !o.probe) throw UsageError("no CASE given");
  return o;
}

/// Mismatching elements of the output (int32 or int8) and the first, as [row][col].
uint64_t compare(const std::vector<uint8_t>& got, const Prepared& p, std::string& first) {
  const size_t es = p.descr == "<i4" ? 4 : 1, cols = p.shape.size() > 1 ? p.shape[1] : 1;
  auto value = [&](const std::vector<uint8_t>& v, size_t e) -> long long {
    if (es == 1) return static_cast<int8_t>(v[e]);
    int32_t x;
    std::memcpy(&x, &v[4 * e], 4);
    return x;
  };
  uint64_t bad = 0;
  for (size_t e = 0; e < p.want.size() / es; ++e)
    if (std::memcmp(&got[e * es], &p.want[e * es], es) != 0 && bad++ == 0)
      first = "[" + std::to_string(e / cols) + "][" + std::to_string(e % cols) + "] = " + std::to_string(value(got, e)) + ", expected " +
              std::to_string(value(p.want, e));
  return bad;
}

/// One kernel's record: time, throughput, power and whether its output matched the golden model.
Json record(const Case& c, const Launch& l, const Timing& t, const Prepared& p, uint64_t bad, const std::string& first) {
  Json r = Json::object();
  r.put("case", c.text).put("workload", c.workload).put("dtype", c.dtype);
  kind_of(c).describe(c, r);
  r.put("kernel", l.name).put("vendor", l.vendor).put("reps", t.reps).put("ms_mean", t.ms_mean).put("ms_min", t.ms_min);
  r.put("ops", p.ops).put("tops", p.ops / (t.ms_mean * 1e-3) / 1e12).put("gb_per_s", p.bytes / (t.ms_mean * 1e-3) / 1e9);
  if (std::isfinite(t.watts)) r.put("power_w", t.watts).put("pj_per_op", t.watts * t.ms_mean * 1e-3 / p.ops * 1e12);
  else r.put_null("power_w").put_null("pj_per_op");
  r.put("match", bad == 0).put("mismatches", static_cast<unsigned long long>(bad));
  if (bad) r.put("first_mismatch", first);
  return r;
}

std::string file_name(const std::string& text) {
  std::string f = text;
  std::replace(f.begin(), f.end(), ':', '_');
  return f;
}

int run(const Options& o) {
  if (!o.inputs_only.empty()) {  // no GPU needed: the inputs tilesim run --seed S sees
    for (size_t i = 0; i < o.cases.size(); ++i) {
      const std::string dir = o.cases.size() == 1 ? o.inputs_only : o.inputs_only + "/" + std::to_string(i);
      mkdir(o.inputs_only.c_str(), 0777);
      mkdir(dir.c_str(), 0777);
      kind_of(o.cases[i]).write_inputs(o.cases[i], o.h.seed, dir);
    }
    return kOk;
  }
  if (!o.h.device) {  // no GPU needed: what the run's host side costs (inputs + golden per case)
    double total = 0;
    for (const Case& c : o.cases) {
      const auto t0 = std::chrono::steady_clock::now();
      const Prepared prep = kind_of(c).prepare(c, o.h);
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      total += s;
      std::printf("  %-36s inputs and golden output: %8.2f s (%zu output bytes)\n", c.text.c_str(), s, prep.want.size());
    }
    std::printf("tilesim-gpu --host-only: %zu cases, %.1f s on %u host threads\n", o.cases.size(), total, std::thread::hardware_concurrency());
    return kOk;
  }
  int devices = 0;
  const cudaError_t e = cudaGetDeviceCount(&devices);
  if (e != cudaSuccess || devices == 0) {
    std::fprintf(stderr, "tilesim-gpu: no CUDA device (%s): nothing to run (exit %d)\n",
                 e != cudaSuccess ? cudaGetErrorString(e) : "none found", kNoDevice);
    return kNoDevice;
  }
  int dev = 0;
  check(cudaSetDevice(dev), "cudaSetDevice");
  cudaDeviceProp p{};
  check(cudaGetDeviceProperties(&p, dev), "cudaGetDeviceProperties");
  int drv = 0, rt = 0;
  cudaDriverGetVersion(&drv);
  cudaRuntimeGetVersion(&rt);
  Power power;
  Json out = Json::object(), runs = Json::array();
  Json device = Json::object();
  device.put("name", p.name).put("sm_count", p.multiProcessorCount).put("compute_capability", std::to_string(p.major) + "." + std::to_string(p.minor));
  device.put("clock_mhz", attr(cudaDevAttrClockRate, dev) / 1000).put("memory_clock_mhz", attr(cudaDevAttrMemoryClockRate, dev) / 1000);
  device.put("memory_gib", double(p.totalGlobalMem) / (1ull << 30)).put("driver", std::to_string(drv / 1000) + "." + std::to_string(drv % 1000 / 10));
  device.put("runtime", std::to_string(rt / 1000) + "." + std::to_string(rt % 1000 / 10)).put("nvml_power", power.ok());
  out.put("schema", "tilesim-gpu/1").put("date", today()).put("seed", static_cast<unsigned long long>(o.h.seed)).put("device", device);
  std::printf("tilesim-gpu: %s, %d SMs, CUDA %d.%d, driver %d.%d, NVML power %s\n", p.name, p.multiProcessorCount, rt / 1000, rt % 1000 / 10,
              drv / 1000, drv % 1000 / 10, power.ok() ? "yes" : "no");
  int status = kOk;
  if (o.probe) out.put("probe", run_probe(p.major == 9));
  for (const Case& c : o.cases) {
    const auto t0 = std::chrono::steady_clock::now();
    const Prepared prep = kind_of(c).prepare(c, o.h);
    std::printf("  %s: inputs and golden output in %.1f s\n", c.text.c_str(),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    for (const Launch& l : prep.launches) {
      check(cudaMemset(prep.out, 0xa5, prep.out_bytes), "poison");  // every element must be written
      l.run();
      check(cudaDeviceSynchronize(), (c.text + " " + l.name).c_str());
      std::vector<uint8_t> got(prep.out_bytes);
      check(cudaMemcpy(got.data(), prep.out, got.size(), cudaMemcpyDeviceToHost), "copy out");
      std::string first;
      const uint64_t bad = compare(got, prep, first);
      if (!o.outputs.empty() && !l.vendor) {
        mkdir(o.outputs.c_str(), 0777);
        report::write_npy(o.outputs + "/" + file_name(c.text) + "_" + l.name + ".npy", prep.descr.c_str(), prep.shape, got.data(), got.size());
      }
      const bool slow = l.name == "simt" && prep.ops > 1e10;  // the CUDA-core references: one timed run
      const Timing t = time_it(l.run, slow ? 1 : o.warmup, slow ? 1 : o.reps, power);
      std::printf("  %-34s %-14s %9.4f ms  %8.2f TOPS  %s\n", c.text.c_str(), l.name.c_str(), t.ms_mean, prep.ops / (t.ms_mean * 1e-3) / 1e12,
                  bad ? ("MISMATCH " + std::to_string(bad) + ", first " + first).c_str() : "bit-exact");
      if (bad) status = kMismatch;
      runs.push(record(c, l, t, prep, bad, first));
    }
  }
  out.put("runs", runs);
  std::ofstream f(o.json);
  f << out.str() << "\n";
  if (!f) throw std::runtime_error("cannot write " + o.json);
  std::printf("tilesim-gpu: wrote %s\n", o.json.c_str());
  return status;
}

}  // namespace
}  // namespace tsgpu

int main(int argc, char** argv) {
  try {
    return tsgpu::run(tsgpu::parse(argc, argv));
  } catch (const tsgpu::UsageError& e) {
    if (*e.what()) std::fprintf(stderr, "tilesim-gpu: %s\n", e.what());
    std::fprintf(stderr, "usage: tilesim-gpu [--seed S] [--warmup N] [--reps N] [--json FILE] [--outputs DIR] [--inputs-only DIR] [--no-vendor] "
                         "[--probe] [--host-only] CASE...\n  CASE (the `case` key of tilesim's reports):\n");
    for (const tsgpu::CaseKind& k : tsgpu::case_kinds()) std::fprintf(stderr, "    %s\n", k.usage.c_str());
    return tsgpu::kUsage;
  } catch (const tsgpu::CudaError& e) {
    std::fprintf(stderr, "tilesim-gpu: CUDA: %s\n", e.what());
    return tsgpu::kCudaFailed;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tilesim-gpu: %s\n", e.what());
    return tsgpu::kCudaFailed;
  }
}
