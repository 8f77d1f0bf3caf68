#pragma once
// tilesim-gpu's pieces (tilesim_gpu.cu drives them): a case (WORKLOAD:DTYPE:SHAPE[:FLAG], the
// `case` key tilesim's reports carry), the registry of workloads that parse, generate, check and
// launch cases (cases.cu), device buffers and the error types behind the exit codes.
#include <cuda_runtime.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "workloads/cuda/json_out.h"

namespace tsgpu {

// Exit codes (docs/gpu.md).
constexpr int kOk = 0, kMismatch = 1, kUsage = 64, kNoDevice = 69, kCudaFailed = 70;

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct CudaError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
inline void check(cudaError_t e, const char* what) {
  if (e != cudaSuccess) throw CudaError(std::string(what) + ": " + cudaGetErrorString(e));
}

struct Case {
  std::string text, workload, dtype, flag;  ///< flag: "" or the one the workload allows ("causal", "requant")
  std::vector<uint32_t> dims;               ///< the shape's numbers, in the order of the key
};

template <class T>
struct DeviceBuffer {
  T* p = nullptr;
  size_t n = 0;
  explicit DeviceBuffer(size_t count) : n(count) { check(cudaMalloc(&p, (count ? count : 1) * sizeof(T)), "cudaMalloc"); }
  explicit DeviceBuffer(const std::vector<T>& h) : DeviceBuffer(h.size()) {
    check(cudaMemcpy(p, h.data(), h.size() * sizeof(T), cudaMemcpyHostToDevice), "copy in");
  }
  ~DeviceBuffer() { cudaFree(p); }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
};

/// One way to compute a case on the device: ours (CUDA cores, tensor cores) or the vendor's.
struct Launch {
  std::string name;
  std::function<void()> run;
  bool vendor = false;
};

/// A case ready to run: device inputs, the golden output, what each launch writes.
struct Prepared {
  double ops = 0, bytes = 0;     ///< 2 x MACs; bytes a kernel must move at least (inputs + output)
  std::vector<Launch> launches;
  void* out = nullptr;           ///< the device output every launch writes
  size_t out_bytes = 0;
  std::string descr;             ///< .npy element type of the output: "<i4" or "|i1"
  std::vector<uint64_t> shape;   ///< the output's shape (rows, cols for the mismatch message)
  std::vector<uint8_t> want;     ///< the golden model's output bytes
  std::vector<std::shared_ptr<void>> keep;  ///< device buffers owned by the case
  template <class T>
  T* own(std::unique_ptr<DeviceBuffer<T>> b) {
    T* p = b->p;
    keep.emplace_back(std::shared_ptr<void>(b.release(), [](void* q) { delete static_cast<DeviceBuffer<T>*>(q); }));
    return p;
  }
};

struct HarnessOptions {
  uint64_t seed = 1;
  bool vendor = true;
  bool device = true;  ///< false (--host-only): inputs and golden output only, nothing on a GPU
};

/// A workload the harness knows: the dtypes and shape forms of its cases, and its steps.
struct CaseKind {
  std::string workload, usage;  ///< usage: the case forms, e.g. "gemm:int8|ternary:MxNxK[:requant]"
  std::function<void(Case&)> parse;  ///< check dtype, dims and flag (throws UsageError)
  std::function<void(const Case&, uint64_t seed, const std::string& dir)> write_inputs;  ///< .npy, the names tilesim run --dump uses
  std::function<Prepared(const Case&, const HarnessOptions&)> prepare;
  std::function<void(const Case&, Json&)> describe;  ///< the shape's fields in the JSON record
};
const std::vector<CaseKind>& case_kinds();
/// --probe: wrap or saturate, for mma.sync and (on sm_90, `wgmma`) wgmma (probe.cu).
Json run_probe(bool wgmma);
const CaseKind& kind_of(const Case& c);
Case parse_case(const std::string& text);

}  // namespace tsgpu
