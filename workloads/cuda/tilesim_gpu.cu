// tilesim-gpu: runs the CUDA reference kernels (kernels.cu) and, where present, the vendor's on
// the same inputs as `tilesim run --seed S` (workloads/host/recipes.h), checks every output bit
// for bit against the golden models on the host's CPUs, times each kernel with CUDA events after
// warm-up, samples board power through NVML (loaded with dlopen) and writes one JSON file
// (docs/gpu.md has the schema). Without a GPU it exits at once with code 69.
//   tilesim-gpu [--seed S] [--warmup N] [--reps N] [--json FILE] [--outputs DIR] [--inputs-only DIR]
//               [--no-vendor] [--probe] CASE...      CASE: gemm:int8|ternary:MxNxK, gemv:int8|ternary:RxC[xV]
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

#if defined(TILESIM_GPU_CUBLASLT)
#include <cublasLt.h>
#endif

#include "sim/report/npy.h"
#include "workloads/cuda/json_out.h"
#include "workloads/cuda/kernels.h"
#include "workloads/host/golden/golden.h"
#include "workloads/host/recipes.h"

namespace tsgpu {
namespace {

// Exit codes (docs/gpu.md).
constexpr int kOk = 0, kMismatch = 1, kUsage = 64, kNoDevice = 69, kCudaFailed = 70;

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct CudaError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
void check(cudaError_t e, const char* what) {
  if (e != cudaSuccess) throw CudaError(std::string(what) + ": " + cudaGetErrorString(e));
}

struct Case {
  std::string text, workload, dtype;
  uint32_t m = 0, n = 0, k = 0;  // gemv: m = rows, k = cols, n = vectors
};

uint32_t dim(const std::string& s, const std::string& text) {
  char* end = nullptr;
  const unsigned long v = std::strtoul(s.c_str(), &end, 10);
  if (s.empty() || *end || v < 1 || v > (1u << 24)) throw UsageError("bad size '" + s + "' in " + text + " (1 .. 2^24)");
  return static_cast<uint32_t>(v);
}

Case parse_case(const std::string& text) {
  Case c;
  c.text = text;
  const size_t a = text.find(':'), b = text.find(':', a + 1);
  if (a == std::string::npos || b == std::string::npos) throw UsageError("case '" + text + "': expected WORKLOAD:DTYPE:SHAPE");
  c.workload = text.substr(0, a);
  c.dtype = text.substr(a + 1, b - a - 1);
  std::vector<std::string> parts;
  std::string shape = text.substr(b + 1);
  for (size_t p = 0;;) {
    const size_t x = shape.find('x', p);
    parts.push_back(shape.substr(p, x == std::string::npos ? std::string::npos : x - p));
    if (x == std::string::npos) break;
    p = x + 1;
  }
  if (c.dtype != "int8" && c.dtype != "ternary") throw UsageError("case '" + text + "': dtype is int8 or ternary");
  if (c.workload == "gemm") {
    if (parts.size() != 3) throw UsageError("case '" + text + "': gemm shape is MxNxK");
    c.m = dim(parts[0], text), c.n = dim(parts[1], text), c.k = dim(parts[2], text);
  } else if (c.workload == "gemv") {
    if (parts.size() != 2 && parts.size() != 3) throw UsageError("case '" + text + "': gemv shape is ROWSxCOLS[xVECTORS]");
    c.m = dim(parts[0], text), c.k = dim(parts[1], text), c.n = parts.size() == 3 ? dim(parts[2], text) : 1;
    if (c.n > 16) throw UsageError("case '" + text + "': at most 16 vectors");
  } else {
    throw UsageError("case '" + text + "': workload is gemm or gemv");
  }
  return c;
}

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

template <class T>
struct DeviceBuffer {
  T* p = nullptr;
  size_t n = 0;
  explicit DeviceBuffer(size_t count) : n(count) { check(cudaMalloc(&p, std::max<size_t>(1, count) * sizeof(T)), "cudaMalloc"); }
  DeviceBuffer(const std::vector<T>& h) : DeviceBuffer(h.size()) {
    check(cudaMemcpy(p, h.data(), h.size() * sizeof(T), cudaMemcpyHostToDevice), "copy in");
  }
  ~DeviceBuffer() { cudaFree(p); }
  std::vector<T> get() const {
    std::vector<T> h(n);
    check(cudaMemcpy(h.data(), p, n * sizeof(T), cudaMemcpyDeviceToHost), "copy out");
    return h;
  }
  DeviceBuffer(const DeviceBuffer&) = delete;
};

/// Mismatching elements and the first, "" when equal.
uint64_t compare(const std::vector<int32_t>& got, const std::vector<int32_t>& want, uint32_t cols, std::string& first) {
  uint64_t bad = 0;
  for (size_t e = 0; e < want.size(); ++e)
    if (got[e] != want[e] && bad++ == 0)
      first = "[" + std::to_string(e / cols) + "][" + std::to_string(e % cols) + "] = " + std::to_string(got[e]) + ", expected " +
              std::to_string(want[e]);
  return bad;
}

#if defined(TILESIM_GPU_CUBLASLT)
/// cuBLASLt int8 GEMM, C (M x N, row major) = A B^T as the column-major D (N x M) = B' A with
/// B' = our B (K x N col major) transposed: the TN form int8 needs. false (and why) if cuBLASLt
/// has no algorithm for the shape.
bool cublaslt_gemm(const int8_t* a, const int8_t* b, int32_t* c, int m, int n, int k, std::function<void()>& launch, std::string& why) {
  static cublasLtHandle_t h = nullptr;
  if (!h && cublasLtCreate(&h) != CUBLAS_STATUS_SUCCESS) return why = "cublasLtCreate failed", false;
  cublasLtMatmulDesc_t op;
  cublasLtMatrixLayout_t la, lb, lc;
  cublasLtMatmulDescCreate(&op, CUBLAS_COMPUTE_32I, CUDA_R_32I);
  const cublasOperation_t t = CUBLAS_OP_T, nn = CUBLAS_OP_N;
  cublasLtMatmulDescSetAttribute(op, CUBLASLT_MATMUL_DESC_TRANSA, &t, sizeof t);
  cublasLtMatmulDescSetAttribute(op, CUBLASLT_MATMUL_DESC_TRANSB, &nn, sizeof nn);
  cublasLtMatrixLayoutCreate(&la, CUDA_R_8I, k, n, k);
  cublasLtMatrixLayoutCreate(&lb, CUDA_R_8I, k, m, k);
  cublasLtMatrixLayoutCreate(&lc, CUDA_R_32I, n, m, n);
  static void* ws = nullptr;
  const size_t ws_bytes = 32 << 20;
  if (!ws) cudaMalloc(&ws, ws_bytes);
  cublasLtMatmulPreference_t pref;
  cublasLtMatmulPreferenceCreate(&pref);
  cublasLtMatmulPreferenceSetAttribute(pref, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &ws_bytes, sizeof ws_bytes);
  cublasLtMatmulHeuristicResult_t res{};
  int found = 0;
  cublasLtMatmulAlgoGetHeuristic(h, op, la, lb, lc, lc, pref, 1, &res, &found);
  if (found == 0) return why = "cuBLASLt has no int8 algorithm for this shape", false;
  launch = [=] {
    static const int32_t alpha = 1, beta = 0;
    cublasLtMatmul(h, op, &alpha, b, la, a, lb, &beta, c, lc, c, lc, &res.algo, ws, ws_bytes, 0);
  };
  return true;
}
#endif

// ---- the wrap / saturate probe (GPU-REFERENCE.md): one m16n8k32 MMA, C[0][0] = 0x7FFFFFF0 ----
__global__ void probe_kernel(uint32_t* out) {
  const int lane = threadIdx.x;
  // A row 0 = k 0..15 ones: lane 0..3 (g = 0) registers 0 (k 4t..4t+3); B column 0 likewise.
  const uint32_t a0 = (lane < 4) ? 0x01010101u : 0, b0 = (lane < 4) ? 0x01010101u : 0, z = 0;
  uint32_t d[4] = {lane == 0 ? 0x7FFFFFF0u : 0, 0, 0, 0}, s[4] = {d[0], 0, 0, 0};
  asm volatile("mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {%0,%1,%2,%3}, {%4,%5,%5,%5}, {%6,%5}, {%0,%1,%2,%3};\n"
               : "+r"(d[0]), "+r"(d[1]), "+r"(d[2]), "+r"(d[3]) : "r"(a0), "r"(z), "r"(b0));
  asm volatile("mma.sync.aligned.m16n8k32.row.col.satfinite.s32.s8.s8.s32 {%0,%1,%2,%3}, {%4,%5,%5,%5}, {%6,%5}, {%0,%1,%2,%3};\n"
               : "+r"(s[0]), "+r"(s[1]), "+r"(s[2]), "+r"(s[3]) : "r"(a0), "r"(z), "r"(b0));
  if (lane == 0) out[0] = d[0], out[1] = s[0];
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

void write_inputs(const std::string& dir, const Case& c, uint64_t seed) {
  mkdir(dir.c_str(), 0777);
  if (c.workload == "gemm") {
    const wl::recipe::Gemm in = wl::recipe::gemm(c.m, c.n, c.k, c.dtype, seed);
    report::write_npy(dir + "/A.npy", "|i1", {c.m, c.k}, in.a.data(), in.a.size());
    if (c.dtype == "ternary") report::write_npy(dir + "/B_ternary_packed.npy", "|u1", {c.n, (c.k + 3) / 4}, in.bt.data(), in.bt.size());
    else report::write_npy(dir + "/B.npy", "|i1", {c.n, c.k}, in.b.data(), in.b.size());
  } else {
    const wl::recipe::Gemv in = wl::recipe::gemv(c.m, c.k, c.n, c.dtype == "ternary", seed);
    if (c.dtype == "ternary") report::write_npy(dir + "/W_ternary_packed.npy", "|u1", {c.m, (c.k + 3) / 4}, in.w.data(), in.w.size());
    else report::write_npy(dir + "/W.npy", "|i1", {c.m, c.k}, in.w.data(), in.w.size());
    report::write_npy(dir + "/X.npy", "|i1", {c.n, c.k}, in.x.data(), in.x.size());
  }
}

struct Options {
  uint64_t seed = 1;
  int warmup = 5, reps = 20;
  std::string json = "tilesim-gpu.json", outputs, inputs_only;
  bool vendor = true, probe = false;
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
    if (a == "--seed") o.seed = std::strtoull(value(i).c_str(), nullptr, 10);
    else if (a == "--warmup") o.warmup = std::max(0, std::atoi(value(i).c_str()));
    else if (a == "--reps") o.reps = std::max(1, std::atoi(value(i).c_str()));
    else if (a == "--json") o.json = value(i);
    else if (a == "--outputs") o.outputs = value(i);
    else if (a == "--inputs-only") o.inputs_only = value(i);
    else if (a == "--no-vendor") o.vendor = false;
    else if (a == "--probe") o.probe = true;
    else if (a == "--help" || a == "-h") throw UsageError("");
    else if (!a.empty() && a[0] == '-') throw UsageError("unknown option " + a);
    else o.cases.push_back(parse_case(a));
  }
  if (o.cases.empty() && !o.probe) throw UsageError("no CASE given");
  return o;
}

/// One kernel's record: time, throughput, power and whether its output matched the golden model.
Json record(const Case& c, const std::string& kernel, bool vendor, const Timing& t, double ops, double bytes, uint64_t bad,
            const std::string& first) {
  Json r = Json::object();
  r.put("case", c.text).put("workload", c.workload).put("dtype", c.dtype);
  if (c.workload == "gemm") r.put("m", int(c.m)).put("n", int(c.n)).put("k", int(c.k));
  else r.put("rows", int(c.m)).put("cols", int(c.k)).put("vectors", int(c.n));
  r.put("kernel", kernel).put("vendor", vendor).put("reps", t.reps).put("ms_mean", t.ms_mean).put("ms_min", t.ms_min);
  r.put("ops", ops).put("tops", ops / (t.ms_mean * 1e-3) / 1e12).put("gb_per_s", bytes / (t.ms_mean * 1e-3) / 1e9);
  if (std::isfinite(t.watts)) r.put("power_w", t.watts).put("pj_per_op", t.watts * t.ms_mean * 1e-3 / ops * 1e12);
  else r.put_null("power_w").put_null("pj_per_op");
  r.put("match", bad == 0).put("mismatches", static_cast<unsigned long long>(bad));
  if (bad) r.put("first_mismatch", first);
  return r;
}

int run(const Options& o) {
  if (!o.inputs_only.empty()) {  // no GPU needed: the inputs tilesim run --seed S sees
    for (size_t i = 0; i < o.cases.size(); ++i)
      write_inputs(o.cases.size() == 1 ? o.inputs_only : o.inputs_only + "/" + std::to_string(i), o.cases[i], o.seed);
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
  out.put("schema", "tilesim-gpu/1").put("date", today()).put("seed", static_cast<unsigned long long>(o.seed)).put("device", device);
  std::printf("tilesim-gpu: %s, %d SMs, CUDA %d.%d, driver %d.%d, NVML power %s\n", p.name, p.multiProcessorCount, rt / 1000, rt % 1000 / 10,
              drv / 1000, drv % 1000 / 10, power.ok() ? "yes" : "no");
  int status = kOk;
  if (o.probe) {
    DeviceBuffer<uint32_t> d(2);
    probe_kernel<<<1, 32>>>(d.p);
    check(cudaDeviceSynchronize(), "probe");
    const std::vector<uint32_t> h = d.get();
    Json pr = Json::object();
    pr.put("mma_sync", h[0] == 0x80000000u ? "wrap" : h[0] == 0x7FFFFFFFu ? "saturate" : "other");
    pr.put("mma_sync_satfinite", h[1] == 0x80000000u ? "wrap" : h[1] == 0x7FFFFFFFu ? "saturate" : "other");
    pr.put("mma_sync_value", static_cast<unsigned long long>(h[0])).put("mma_sync_satfinite_value", static_cast<unsigned long long>(h[1]));
    out.put("probe", pr);
    std::printf("  probe: 0x7FFFFFF0 + 16 x 1: mma.sync 0x%08x, .satfinite 0x%08x\n", h[0], h[1]);
  }
  for (const Case& c : o.cases) {
    const bool tern = c.dtype == "ternary";
    std::vector<int32_t> want;
    double ops, bytes;
    std::vector<std::pair<std::string, std::function<void()>>> ours;
    std::vector<std::pair<std::string, std::function<void()>>> vendors;
    std::unique_ptr<DeviceBuffer<int8_t>> da, dx;
    std::unique_ptr<DeviceBuffer<uint8_t>> db;
    const size_t outs = size_t(c.m) * c.n;
    DeviceBuffer<int32_t> dc(outs);
    if (c.workload == "gemm") {
      const wl::recipe::Gemm in = wl::recipe::gemm(c.m, c.n, c.k, c.dtype, o.seed);
      want = tern ? golden::gemm_t2(in.a, in.bt, c.m, c.n, c.k) : golden::gemm_i8(in.a, in.b, c.m, c.n, c.k);
      da.reset(new DeviceBuffer<int8_t>(in.a));
      const std::vector<uint8_t> bbytes = tern ? in.bt : std::vector<uint8_t>(in.b.begin(), in.b.end());
      db.reset(new DeviceBuffer<uint8_t>(bbytes));
      ops = 2.0 * c.m * c.n * c.k;
      bytes = double(in.a.size()) + double(bbytes.size()) + 4.0 * outs;
      const int8_t* a = da->p;
      const uint8_t* b = db->p;
      int32_t* cc = dc.p;
      const int m = int(c.m), n = int(c.n), k = int(c.k);
      if (double(c.m) * c.n * c.k <= 8.6e9)  // the CUDA-core reference is slow: up to ~2048^3
        ours.push_back({"simt", tern ? std::function<void()>([=] { gemm_t2_simt(a, b, cc, m, n, k); })
                                     : std::function<void()>([=] { gemm_i8_simt(a, reinterpret_cast<const int8_t*>(b), cc, m, n, k); })});
      ours.push_back({"mma_sync", tern ? std::function<void()>([=] { gemm_t2_mma(a, b, cc, m, n, k); })
                                       : std::function<void()>([=] { gemm_i8_mma(a, reinterpret_cast<const int8_t*>(b), cc, m, n, k); })});
#if defined(TILESIM_GPU_CUBLASLT)
      if (o.vendor && !tern) {
        std::function<void()> l;
        std::string why;
        if (cublaslt_gemm(a, reinterpret_cast<const int8_t*>(b), cc, m, n, k, l, why)) vendors.push_back({"cublaslt_int8", l});
        else std::printf("  %s: cuBLASLt: %s\n", c.text.c_str(), why.c_str());
      }
#endif
    } else {
      const wl::recipe::Gemv in = wl::recipe::gemv(c.m, c.k, c.n, tern, o.seed);
      want = golden::gemv(in.w, in.x, c.m, c.k, c.n, tern);
      db.reset(new DeviceBuffer<uint8_t>(in.w));
      dx.reset(new DeviceBuffer<int8_t>(in.x));
      ops = 2.0 * c.m * c.k * c.n;
      bytes = double(in.w.size()) + double(in.x.size()) + 4.0 * outs;
      const uint8_t* w = db->p;
      const int8_t* x = dx->p;
      int32_t* y = dc.p;
      const int r = int(c.m), k = int(c.k), v = int(c.n);
      ours.push_back({"simt", tern ? std::function<void()>([=] { gemv_t2(w, x, y, r, k, v); })
                                   : std::function<void()>([=] { gemv_i8(reinterpret_cast<const int8_t*>(w), x, y, r, k, v); })});
    }
    auto one = [&](const std::string& name, const std::function<void()>& launch, bool vendor) {
      check(cudaMemset(dc.p, 0xa5, outs * 4), "poison");  // every element must be written
      launch();
      check(cudaDeviceSynchronize(), (c.text + " " + name).c_str());
      const std::vector<int32_t> got = dc.get();
      std::string first;
      const uint64_t bad = compare(got, want, c.n, first);
      if (!o.outputs.empty() && !vendor) {
        mkdir(o.outputs.c_str(), 0777);
        std::string f = c.text;
        std::replace(f.begin(), f.end(), ':', '_');
        report::write_npy(o.outputs + "/" + f + "_" + name + ".npy", "<i4", {c.m, c.n}, got.data(), got.size() * 4);
      }
      const Timing t = time_it(launch, name == "simt" && ops > 1e10 ? 1 : o.warmup, name == "simt" && ops > 1e10 ? 1 : o.reps, power);
      std::printf("  %-28s %-14s %9.4f ms  %8.2f TOPS  %s\n", c.text.c_str(), name.c_str(), t.ms_mean, ops / (t.ms_mean * 1e-3) / 1e12,
                  bad ? ("MISMATCH " + std::to_string(bad) + ", first " + first).c_str() : "bit-exact");
      if (bad) status = kMismatch;
      runs.push(record(c, name, vendor, t, ops, bytes, bad, first));
    };
    for (auto& [name, l] : ours) one(name, l, false);
    for (auto& [name, l] : vendors) one(name, l, true);
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
    std::fprintf(stderr,
                 "usage: tilesim-gpu [--seed S] [--warmup N] [--reps N] [--json FILE] [--outputs DIR] [--inputs-only DIR] [--no-vendor] "
                 "[--probe] CASE...\n  CASE: gemm:int8:MxNxK  gemm:ternary:MxNxK  gemv:int8:ROWSxCOLS[xVECTORS]  gemv:ternary:ROWSxCOLS[xVECTORS]\n");
    return tsgpu::kUsage;
  } catch (const tsgpu::CudaError& e) {
    std::fprintf(stderr, "tilesim-gpu: CUDA: %s\n", e.what());
    return tsgpu::kCudaFailed;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tilesim-gpu: %s\n", e.what());
    return tsgpu::kCudaFailed;
  }
}
