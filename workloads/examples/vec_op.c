/* A vector op on the row/vector unit: y = max(x * 3 - 100, 0) on a 16x16 int32 tile (a ReLU
   after a scale and a bias), DRAM -> scratchpad -> tile -> scratchpad -> DRAM.
   Run: build/tilesim run --elf build/workloads/examples/vec_op.elf */
#include <stdio.h>

#include "tilesim_rt.h"
#include "xtile.h"

static int32_t x[16][16] __attribute__((aligned(64))), y[16][16] __attribute__((aligned(64)));

static void desc(xt_dma_desc* d, void* base) {
  d->base = (uint32_t)(uintptr_t)base;
  d->rows = 16;
  d->cols = 16;
  d->pitch = 64;
  d->box = XT_BOX(16, 16);
  d->flags = XT_DMA_FLAGS(4, 0, 0);
  d->spad_pitch = 64;
}

int main(void) {
  for (int r = 0; r < 16; ++r)
    for (int c = 0; c < 16; ++c) x[r][c] = r * 16 + c - 64;
  static xt_dma_desc dx, dy;
  desc(&dx, x);
  desc(&dy, y);
  (void)xt_dma_ld(&dx, 0, 0, 0);  /* x -> scratchpad 0 */
  xt_tld_w(1, 0, 64);             /* tr1 = x (the tile unit waits for the DMA by itself) */
  xt_mul_x(1, 1, 3);              /* tr1 = tr1 * 3 */
  xt_add_x(1, 1, (uint32_t)-100); /* tr1 = tr1 - 100 */
  xt_max_x(1, 1, 0);              /* tr1 = max(tr1, 0) */
  xt_tst_w(1, 1024, 64);          /* -> scratchpad 1024 */
  (void)xt_dma_st(&dy, 0, 0, 1024);
  xt_fence();
  int bad = 0;
  for (int r = 0; r < 16; ++r)
    for (int c = 0; c < 16; ++c) {
      const int32_t v = x[r][c] * 3 - 100;
      bad += y[r][c] != (v > 0 ? v : 0);
    }
  printf("vec_op: %s (y[15][15] = %ld)\n", bad ? "FAIL" : "PASS", (long)y[15][15]);
  return bad != 0;
}
