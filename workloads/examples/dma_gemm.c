/* A DMA + MMA GEMM kernel that runs under the gemm workload's host driver and golden check:
     build/tilesim run --workload gemm --m 100 --n 70 --k 90 --elf build/workloads/examples/dma_gemm.elf
   It reads the same argument struct as workloads/gemm/kernel.c (wl_gemm_args, workloads/gemm/args.h) and
   computes C = A x B^T one 16x16 tile of C at a time: for each k step, DMA a 16x16 block of A
   and of B into the scratchpad (zero-filled past the matrix edges), load them into tiles, MMA;
   then store the accumulator and DMA it out (clipped at the edges). Simple, not fast: no
   double buffering, so the MAC array waits for every DMA (compare the report's MAC utilization
   with workloads/gemm/kernel.c on the same shape). int8 only, int32 C. */
#include "wl.h"    /* tilesim_args, WL_ARGS, wl_desc, wl_cdiv (workloads/common/) */
#include "args.h"  /* wl_gemm_args, WL_GEMM (workloads/gemm/) */

int main(void) {
  WL_REQUIRE_ARGS(WL_GEMM);
  const volatile wl_gemm_args* a = WL_ARGS(wl_gemm_args);
  const uint32_t M = a->m, N = a->n, K = a->k;
  if (a->dtype != 0 || a->out != 0) return 3; /* this example does int8 -> int32 only */
  static xt_dma_desc dA, dB, dC;
  /* Tensors: A [M][K], B [N][K] int8, C [M][N] int32; boxes of 16x16 elements. */
  wl_desc(&dA, a->a, M, K, K, 16, 16, 1, 0, 0, 16);
  wl_desc(&dB, a->b, N, K, K, 16, 16, 1, 0, 0, 16);
  wl_desc(&dC, a->c, M, N, 4 * N, 16, 16, 4, 0, 0, 64);
  for (uint32_t i = 0; i < M; i += 16)
    for (uint32_t j = 0; j < N; j += 16) {
      xt_fill(0, 0);
      for (uint32_t k = 0; k < K; k += 16) {
        (void)xt_dma_ld(&dA, i, k, 0);   /* A[i..i+15][k..k+15] -> scratchpad 0 */
        (void)xt_dma_ld(&dB, j, k, 256); /* B[j..j+15][k..k+15] -> scratchpad 256 */
        xt_tld_b(1, 0, 16);
        xt_tld_b(2, 256, 16);
        xt_mma_ss(0, 1, 2);
      }
      xt_tst_w(0, 512, 64);
      (void)xt_dma_st(&dC, i, j, 512);
    }
  xt_fence();
  return 0;
}
