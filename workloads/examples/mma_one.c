/* The smallest tile program: fill two tiles, one MMA, check the result on the core.
   Build: make -C workloads/examples (or CMake builds it: build/workloads/examples/mma_one.elf)
   Run:   build/tilesim run --elf build/workloads/examples/mma_one.elf */
#include <stdio.h>

#include "tilesim_rt.h"  /* exit/write host calls; picolibc's printf works */
#include "xtile.h"       /* one macro per Xtile instruction (generated from the encoding table) */

int main(void) {
  xt_fill(0, 0);          /* tr0 = 0 (int32 accumulator) */
  xt_fill(1, 0x02020202); /* tr1: every int8 element 2 (A) */
  xt_fill(2, 0x03030303); /* tr2: every int8 element 3 (B) */
  xt_mma_ss(0, 1, 2);     /* tr0 += A x B^T: each element sums 16 products of 2 x 3 */
  /* Tile registers are not memory: store tr0 to the scratchpad, DMA it to DRAM, read it. */
  static int32_t out[16][16] __attribute__((aligned(64)));
  static xt_dma_desc d;
  d.base = (uint32_t)(uintptr_t)out;
  d.rows = 16;
  d.cols = 16;
  d.pitch = 64;
  d.box = XT_BOX(16, 16);
  d.flags = XT_DMA_FLAGS(4, 0, 0); /* int32 elements, no swizzle, queue 0 */
  d.spad_pitch = 64;
  xt_tst_w(0, 0, 64);              /* tr0 -> scratchpad address 0, rows 64 bytes apart */
  (void)xt_dma_st(&d, 0, 0, 0);    /* box origin (row 0, column 0), scratchpad address 0 */
  xt_fence();                      /* wait for the tile unit and the DMA */
  printf("mma_one: out[5][7] = %ld (expected %d)\n", (long)out[5][7], 16 * 2 * 3);
  return out[5][7] == 96 ? 0 : 1;
}
