// The CUDA reference's Hopper path for int8 GEMM (kernels.h): wgmma.mma_async m64n128k32
// .s32.s8.s8 (sm_90a; no .satfinite: wraps mod 2^32 like every other kernel here, so the result
// is bit-identical to the golden model whatever the tiling). One warpgroup per 64 x 128 tile of C;
// A and B (both K-major, as integer wgmma requires) stream through a 4-stage cp.async pipeline
// into shared memory in the no-swizzle canonical layout the matrix descriptors name
// (wgmma_layout.h, tested on the host). K must be a multiple of 16 (16-byte copies); M and N any.
#include <cuda_runtime.h>

#include "workloads/cuda/fragments.h"
#include "workloads/cuda/kernels.h"
#include "workloads/cuda/wgmma_layout.h"

namespace tsgpu {
namespace {

constexpr int WM = 64, WN = 128, WK = 64, STAGES = 4;
constexpr int A_SLICE = wgmma_slice_bytes(WM), B_SLICE = wgmma_slice_bytes(WN);
constexpr int A_STAGE = A_SLICE * (WK / 32), B_STAGE = B_SLICE * (WK / 32);

#if defined(__CUDA_ARCH__) && defined(__CUDA_ARCH_FEAT_SM90_ALL)
#define TS_WGMMA 1
#endif

#if defined(TS_WGMMA)
__device__ __forceinline__ uint32_t smem_addr(const void* p) { return static_cast<uint32_t>(__cvta_generic_to_shared(p)); }

/// 16 bytes global -> shared, asynchronously; src_bytes 0 writes zeros (rows past M / N, k past K).
__device__ __forceinline__ void cp_async16(void* dst, const void* src, int src_bytes) {
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n" ::"r"(smem_addr(dst)), "l"(src), "r"(src_bytes));
}

__device__ __forceinline__ void wgmma_m64n128k32(uint32_t (&d)[64], uint64_t da, uint64_t db, int scale_d) {
  asm volatile(
      "{\n.reg .pred p;\nsetp.ne.b32 p, %66, 0;\n"
      "wgmma.mma_async.sync.aligned.m64n128k32.s32.s8.s8 "
      "{%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31, %32, %33, %34, %35, %36, %37, %38, %39, %40, %41, %42, %43, %44, %45, %46, %47, %48, %49, %50, %51, %52, %53, %54, %55, %56, %57, %58, %59, %60, %61, %62, %63}, %64, %65, p;\n}\n"
      : "+r"(d[0]), "+r"(d[1]), "+r"(d[2]), "+r"(d[3]), "+r"(d[4]), "+r"(d[5]), "+r"(d[6]), "+r"(d[7]), "+r"(d[8]), "+r"(d[9]), "+r"(d[10]), "+r"(d[11]), "+r"(d[12]), "+r"(d[13]), "+r"(d[14]), "+r"(d[15]), "+r"(d[16]), "+r"(d[17]), "+r"(d[18]), "+r"(d[19]), "+r"(d[20]), "+r"(d[21]), "+r"(d[22]), "+r"(d[23]), "+r"(d[24]), "+r"(d[25]), "+r"(d[26]), "+r"(d[27]), "+r"(d[28]), "+r"(d[29]), "+r"(d[30]), "+r"(d[31]), "+r"(d[32]), "+r"(d[33]), "+r"(d[34]), "+r"(d[35]), "+r"(d[36]), "+r"(d[37]), "+r"(d[38]), "+r"(d[39]), "+r"(d[40]), "+r"(d[41]), "+r"(d[42]), "+r"(d[43]), "+r"(d[44]), "+r"(d[45]), "+r"(d[46]), "+r"(d[47]), "+r"(d[48]), "+r"(d[49]), "+r"(d[50]), "+r"(d[51]), "+r"(d[52]), "+r"(d[53]), "+r"(d[54]), "+r"(d[55]), "+r"(d[56]), "+r"(d[57]), "+r"(d[58]), "+r"(d[59]), "+r"(d[60]), "+r"(d[61]), "+r"(d[62]), "+r"(d[63])
      : "l"(da), "l"(db), "r"(scale_d));
}

/// One stage: rows [r0, r0 + rows) of X (pitch K bytes), k [k0, k0 + WK), as 16-byte chunks.
__device__ __forceinline__ void load_stage(uint8_t* dst, const int8_t* x, int r0, int rows, int limit, int k0, int k, int tid) {
  constexpr int CH = WK / 16;
  for (int idx = tid; idx < rows * CH; idx += 128) {
    const int r = idx / CH, c = idx % CH, kk = k0 + 16 * c;
    const bool in = r0 + r < limit && kk < k;
    const int8_t* src = in ? x + uint64_t(r0 + r) * k + kk : x;
    cp_async16(dst + (c / 2) * wgmma_slice_bytes(rows) + wgmma_offset(r, 16 * (c % 2)), src, in ? 16 : 0);
  }
}
#endif

__global__ void __launch_bounds__(128) gemm_wgmma_kernel(const int8_t* __restrict__ a, const int8_t* __restrict__ b, int32_t* __restrict__ c,
                                                         int m, int n, int k) {
#if defined(TS_WGMMA)
  extern __shared__ __align__(128) uint8_t smem[];
  uint8_t* as = smem;
  uint8_t* bs = smem + STAGES * A_STAGE;
  const int tid = threadIdx.x, m0 = blockIdx.y * WM, n0 = blockIdx.x * WN;
  const int steps = (k + WK - 1) / WK;
  uint32_t acc[64];
  for (int i = 0; i < 64; ++i) acc[i] = 0;
  for (int s = 0; s < STAGES - 1; ++s) {
    if (s < steps) {
      load_stage(as + s * A_STAGE, a, m0, WM, m, s * WK, k, tid);
      load_stage(bs + s * B_STAGE, b, n0, WN, n, s * WK, k, tid);
    }
    asm volatile("cp.async.commit_group;\n");
  }
  for (int kt = 0; kt < steps; ++kt) {
    asm volatile("cp.async.wait_group %0;\n" ::"n"(STAGES - 2));
    asm volatile("fence.proxy.async.shared::cta;\n" ::: "memory");
    __syncthreads();
    const int next = kt + STAGES - 1;
    if (next < steps) {
      load_stage(as + (next % STAGES) * A_STAGE, a, m0, WM, m, next * WK, k, tid);
      load_stage(bs + (next % STAGES) * B_STAGE, b, n0, WN, n, next * WK, k, tid);
    }
    asm volatile("cp.async.commit_group;\n");
    const uint8_t* sa = as + (kt % STAGES) * A_STAGE;
    const uint8_t* sb = bs + (kt % STAGES) * B_STAGE;
    asm volatile("wgmma.fence.sync.aligned;\n" ::: "memory");
    for (int s = 0; s < WK / 32; ++s)
      wgmma_m64n128k32(acc, wgmma_desc(smem_addr(sa + s * A_SLICE)), wgmma_desc(smem_addr(sb + s * B_SLICE)), 1);
    asm volatile("wgmma.commit_group.sync.aligned;\n" ::: "memory");
    asm volatile("wgmma.wait_group.sync.aligned 0;\n" ::: "memory");
  }
  for (int v = 0; v < 64; ++v) {
    const Coord e = wgmma_acc(tid, v);
    const int row = m0 + e.row, col = n0 + e.col;
    if (row < m && col < n) c[uint64_t(row) * n + col] = int32_t(acc[v]);
  }
#endif
}

}  // namespace

bool gemm_i8_wgmma_supported(int m, int n, int k) {
  (void)m, (void)n;
  int dev = 0, major = 0;
  if (cudaGetDevice(&dev) != cudaSuccess || cudaDeviceGetAttribute(&major, cudaDevAttrComputeCapabilityMajor, dev) != cudaSuccess) return false;
  return major == 9 && k % 16 == 0;
}

void gemm_i8_wgmma(const int8_t* a, const int8_t* b, int32_t* c, int m, int n, int k) {
  constexpr int bytes = STAGES * (A_STAGE + B_STAGE);
  static bool attr = (cudaFuncSetAttribute(gemm_wgmma_kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, bytes), true);
  (void)attr;
  gemm_wgmma_kernel<<<dim3((n + WN - 1) / WN, (m + WM - 1) / WM), 128, bytes>>>(a, b, c, m, n, k);
}

}  // namespace tsgpu
