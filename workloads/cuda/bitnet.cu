// The CUDA reference's BitNet b1.58 layer (kernels.h): per-token absmax quantization and the
// integer epilogue are bitnet_steps.h's functions (held to the golden model on the host); the
// ternary GEMM between them is gemm_t2_simt / gemm_t2_mma.
#include <cuda_runtime.h>

#include "workloads/cuda/bitnet_steps.h"
#include "workloads/cuda/kernels.h"

namespace tsgpu {
namespace {

/// One block of 256 threads per token: absmax (a max-reduction), then every activation quantized.
__global__ void __launch_bounds__(256) quantize_kernel(const int32_t* x, int8_t* xq, int32_t* amax, int in) {
  __shared__ long long part[256];
  const int r = blockIdx.x, tid = threadIdx.x;
  const int32_t* xr = x + uint64_t(r) * in;
  long long m = 0;
  for (int i = tid; i < in; i += 256) m = max(m, (long long)abs64(xr[i]));
  part[tid] = m;
  __syncthreads();
  for (int s = 128; s > 0; s /= 2) {
    if (tid < s) part[tid] = max(part[tid], part[tid + s]);
    __syncthreads();
  }
  const int32_t a = bitnet_absmax_clamp(part[0]), sc = bitnet_scale(a);
  if (tid == 0) amax[r] = a;
  for (int i = tid; i < in; i += 256) xq[uint64_t(r) * in + i] = bitnet_quant(xr[i], sc);
}

__global__ void epilogue_kernel(const int32_t* acc, const int32_t* amax, int32_t* y, int tokens, int out, int32_t k, bool relu) {
  const uint64_t e = uint64_t(blockIdx.x) * blockDim.x + threadIdx.x;
  if (e >= uint64_t(tokens) * out) return;
  y[e] = bitnet_out(acc[e], amax[e / out], k, relu);
}

}  // namespace

void bitnet_layer(const BitnetLayerArgs& l, bool tensor_cores) {
  quantize_kernel<<<l.tokens, 256>>>(l.x, l.xq, l.amax, l.in);
  (tensor_cores ? gemm_t2_mma : gemm_t2_simt)(l.xq, l.w, l.acc, l.tokens, l.out, l.in);
  const uint64_t n = uint64_t(l.tokens) * l.out;
  epilogue_kernel<<<unsigned((n + 255) / 256), 256>>>(l.acc, l.amax, l.y, l.tokens, l.out, l.k, l.relu);
}

}  // namespace tsgpu
