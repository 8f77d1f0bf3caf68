// tilesim-gpu --probe (GPU-REFERENCE.md): does the int8 tensor-core accumulator wrap or saturate?
// One MMA per form from C = 0x7FFFFFF0 plus 16 products of +1 (wraps to 0x80000000, saturates at
// 0x7FFFFFFF) and from C = 0x80000010 plus 32 products of -1 (wraps to 0x7FFFFFF0, saturates at
// 0x80000000), for mma.sync m16n8k32 and (on sm_90a) wgmma m64n8k32, each without and with
// .satfinite. The golden models assume the form without .satfinite wraps.
#include <cuda_runtime.h>

#include <cstdio>

#include "workloads/cuda/harness.h"
#include "workloads/cuda/wgmma_layout.h"

namespace tsgpu {
namespace {

constexpr uint32_t kUpStart = 0x7FFFFFF0u, kDownStart = 0x80000010u;

/// out[0..3]: mma.sync up, up .satfinite, down, down .satfinite.
__global__ void probe_mma_sync(uint32_t* out) {
  const int lane = threadIdx.x;
  // Row 0 of A is lanes 0..3's registers 0 (k 4t..4t+3) and 2 (k + 16); column 0 of B is lanes
  // 0..3's registers 0 and 1. Up: k 0..15 of each are 1. Down: all 32 k, A 1 and B -1.
  const bool row0 = lane < 4;
  const uint32_t one = row0 ? 0x01010101u : 0, neg = row0 ? 0xFFFFFFFFu : 0, z = 0;
  uint32_t u[4] = {lane == 0 ? kUpStart : 0, 0, 0, 0}, us[4] = {u[0], 0, 0, 0};
  uint32_t d[4] = {lane == 0 ? kDownStart : 0, 0, 0, 0}, ds[4] = {d[0], 0, 0, 0};
  asm volatile("mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {%0,%1,%2,%3}, {%4,%5,%5,%5}, {%6,%5}, {%0,%1,%2,%3};\n"
               : "+r"(u[0]), "+r"(u[1]), "+r"(u[2]), "+r"(u[3]) : "r"(one), "r"(z), "r"(one));
  asm volatile("mma.sync.aligned.m16n8k32.row.col.satfinite.s32.s8.s8.s32 {%0,%1,%2,%3}, {%4,%5,%5,%5}, {%6,%5}, {%0,%1,%2,%3};\n"
               : "+r"(us[0]), "+r"(us[1]), "+r"(us[2]), "+r"(us[3]) : "r"(one), "r"(z), "r"(one));
  asm volatile("mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {%0,%1,%2,%3}, {%4,%5,%4,%5}, {%6,%6}, {%0,%1,%2,%3};\n"
               : "+r"(d[0]), "+r"(d[1]), "+r"(d[2]), "+r"(d[3]) : "r"(one), "r"(z), "r"(neg));
  asm volatile("mma.sync.aligned.m16n8k32.row.col.satfinite.s32.s8.s8.s32 {%0,%1,%2,%3}, {%4,%5,%4,%5}, {%6,%6}, {%0,%1,%2,%3};\n"
               : "+r"(ds[0]), "+r"(ds[1]), "+r"(ds[2]), "+r"(ds[3]) : "r"(one), "r"(z), "r"(neg));
  if (lane == 0) out[0] = u[0], out[1] = us[0], out[2] = d[0], out[3] = ds[0];
}

/// out[4..7]: the same four with wgmma m64n8k32 (one warpgroup; A 64 x 32 and B 8 x 32 in shared
/// memory, K-major, wgmma_layout.h); thread 0's value 0 is C[0][0]. Left as is without sm_90a.
__global__ void probe_wgmma(uint32_t* out) {
#if defined(__CUDA_ARCH__) && defined(__CUDA_ARCH_FEAT_SM90_ALL)
  __shared__ __align__(128) int8_t a[wgmma_slice_bytes(64)], b[wgmma_slice_bytes(8)];
  const int t = threadIdx.x;
  for (int pass = 0; pass < 4; ++pass) {
    const bool down = pass >= 2, sat = pass % 2 == 1;
    for (int i = t; i < wgmma_slice_bytes(64); i += 128) a[i] = 0;
    for (int i = t; i < wgmma_slice_bytes(8); i += 128) b[i] = 0;
    __syncthreads();
    if (t < 32 && (down || t < 16)) a[wgmma_offset(0, t)] = 1, b[wgmma_offset(0, t)] = down ? -1 : 1;
    asm volatile("fence.proxy.async.shared::cta;\n" ::: "memory");
    __syncthreads();
    const uint64_t da = wgmma_desc(static_cast<uint32_t>(__cvta_generic_to_shared(a)));
    const uint64_t db = wgmma_desc(static_cast<uint32_t>(__cvta_generic_to_shared(b)));
    uint32_t d[4] = {t == 0 ? (down ? kDownStart : kUpStart) : 0, 0, 0, 0};
    asm volatile("wgmma.fence.sync.aligned;\n" ::: "memory");
    if (sat) {
    asm volatile(
        "{\n.reg .pred p;\nsetp.ne.b32 p, %6, 0;\n"
        "wgmma.mma_async.sync.aligned.m64n8k32.s32.s8.s8.satfinite {%0, %1, %2, %3}, %4, %5, p;\n}\n"
        : "+r"(d[0]), "+r"(d[1]), "+r"(d[2]), "+r"(d[3])
        : "l"(da), "l"(db), "r"(1));
    } else {
    asm volatile(
        "{\n.reg .pred p;\nsetp.ne.b32 p, %6, 0;\n"
        "wgmma.mma_async.sync.aligned.m64n8k32.s32.s8.s8 {%0, %1, %2, %3}, %4, %5, p;\n}\n"
        : "+r"(d[0]), "+r"(d[1]), "+r"(d[2]), "+r"(d[3])
        : "l"(da), "l"(db), "r"(1));
    }
    asm volatile("wgmma.commit_group.sync.aligned;\n" ::: "memory");
    asm volatile("wgmma.wait_group.sync.aligned 0;\n" ::: "memory");
    if (t == 0) out[4 + pass] = d[0];
    __syncthreads();
  }
#else
  (void)out;
#endif
}

const char* verdict(uint32_t v, uint32_t wrap, uint32_t sat) { return v == wrap ? "wrap" : v == sat ? "saturate" : "other"; }

}  // namespace

Json run_probe(bool wgmma) {
  DeviceBuffer<uint32_t> d(8);
  check(cudaMemset(d.p, 0, 8 * 4), "probe");
  probe_mma_sync<<<1, 32>>>(d.p);
  if (wgmma) probe_wgmma<<<1, 128>>>(d.p);
  check(cudaDeviceSynchronize(), "probe");
  uint32_t h[8];
  check(cudaMemcpy(h, d.p, sizeof h, cudaMemcpyDeviceToHost), "probe");
  Json pr = Json::object();
  const char* names[4] = {"", "_satfinite", "_down", "_down_satfinite"};
  const uint32_t wrap[4] = {0x80000000u, 0x80000000u, 0x7FFFFFF0u, 0x7FFFFFF0u}, sat[4] = {0x7FFFFFFFu, 0x7FFFFFFFu, 0x80000000u, 0x80000000u};
  for (int form = 0; form < (wgmma ? 2 : 1); ++form)
    for (int i = 0; i < 4; ++i) {
      const std::string key = std::string(form ? "wgmma" : "mma_sync") + names[i];
      const uint32_t v = h[4 * form + i];
      pr.put(key, verdict(v, wrap[i], sat[i])).put(key + "_value", static_cast<unsigned long long>(v));
      std::printf("  probe %-26s 0x%08x  %s\n", key.c_str(), v, verdict(v, wrap[i], sat[i]));
    }
  return pr;
}

}  // namespace tsgpu
