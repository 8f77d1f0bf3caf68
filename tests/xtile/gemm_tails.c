/* C = A x B^T for odd sizes (M=20, N=33, K=40): 16x16 tiles, DMA boxes that run past the
   tensor edges (zero-filled on load, clipped on store), checked against a plain C loop. */
#include "xt_common.h"

#define M 20
#define N 33
#define K 40
static int8_t A[M][K], B[N][K];
static int32_t C[M][N];

int main(void) {
  uint32_t x = 99;
  for (int i = 0; i < M; ++i)
    for (int k = 0; k < K; ++k) { x = x * 1103515245u + 12345u; A[i][k] = (int8_t)(x >> 16); }
  for (int j = 0; j < N; ++j)
    for (int k = 0; k < K; ++k) { x = x * 1103515245u + 12345u; B[j][k] = (int8_t)(x >> 16); }
  static xt_dma_desc da, db, dc;
  da.base = (uint32_t)(uintptr_t)A; da.rows = M; da.cols = K; da.pitch = K; da.box = XT_BOX(16, 16);
  da.flags = XT_DMA_FLAGS(1, 0, 0); da.spad_pitch = 16;
  db = da;
  db.base = (uint32_t)(uintptr_t)B; db.rows = N; db.flags = XT_DMA_FLAGS(1, 0, 1);
  dc.base = (uint32_t)(uintptr_t)C; dc.rows = M; dc.cols = N; dc.pitch = N * 4; dc.box = XT_BOX(16, 16);
  dc.flags = XT_DMA_FLAGS(4, 0, 2); dc.spad_pitch = 64;
  for (int mi = 0; mi < M; mi += 16)
    for (int ni = 0; ni < N; ni += 16) {
      xt_fill(0, 0);
      for (int kk = 0; kk < K; kk += 16) {
        (void)xt_dma_ld(&da, mi, kk, 0);
        (void)xt_dma_ld(&db, ni, kk, 256);
        xt_tld_b(1, 0, 16);    /* waits for the DMA through the scratchpad interlock */
        xt_tld_b(2, 256, 16);
        xt_mma_ss(0, 1, 2);
      }
      xt_tst_w(0, 1024, 64);
      (void)xt_dma_st(&dc, mi, ni, 1024);
      xt_wait(2, 0);
    }
  xt_fence();
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      int32_t want = 0;
      for (int k = 0; k < K; ++k) want += A[i][k] * B[j][k];
      CHECK_EQ("C", C[i][j], want);
    }
  const uint32_t mmas = xt_stat(XT_STAT_MMA_INT8);
  CHECK_EQ("MMAs", mmas, 2 * 3 * 3);
  return xt_report("gemm_tails");
}
