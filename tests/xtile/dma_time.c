/* Times one 64 KiB DMA (DRAM -> scratchpad) with rdcycle around it and xt.fence, and prints the
   cycles: the CLI tests hold it to bytes / bandwidth + latency at the extremes of the documented
   bandwidth and clock ranges (the DRAM bus must stay exact there). */
#include <stdio.h>

#include "tilesim_rt.h"
#include "xtile.h"

static unsigned char buf[65536] __attribute__((aligned(64)));
static xt_dma_desc d;

static inline uint32_t cycles(void) {
  uint32_t c;
  __asm__ volatile("rdcycle %0" : "=r"(c));
  return c;
}

int main(void) {
  d.base = (uint32_t)(uintptr_t)buf;
  d.rows = 4; /* 4 rows of 16 KiB (a box row is at most 65,535 elements) */
  d.cols = sizeof buf / 4;
  d.pitch = sizeof buf / 4;
  d.box = XT_BOX(4, sizeof buf / 4);
  d.flags = XT_DMA_FLAGS(1, 0, 0);
  d.spad_pitch = sizeof buf / 4;
  const uint32_t t0 = cycles();
  (void)xt_dma_ld(&d, 0, 0, 0);
  xt_fence();
  const uint32_t t1 = cycles();
  printf("dma_time: 65536 bytes in %lu cycles\n", (unsigned long)(t1 - t0));
  return 0;
}
