/* Tile-load throughput benchmark guest: 1,048,576 int8 tile loads (swizzled scratchpad rows 256
   bytes apart, 8 destination registers and 32 addresses in rotation), then a fence. Together
   with mma_loop.c it splits the cost of a GEMM's command stream into its kinds of command. */
#include <stdint.h>
#include <stdio.h>

#include "xtile.h"

int main(void) {
  xt_cfg(XT_CFG_SWIZZLE, 1);
  for (uint32_t i = 0; i < (1u << 20) / 8; ++i) {
    const uint32_t a = (i & 31) * 16 + (i & 1) * 8192;
    xt_tld_b(16, a, 256); xt_tld_b(17, a + 4096, 256); xt_tld_b(18, a + 16384, 256); xt_tld_b(19, a + 20480, 256);
    xt_tld_b(20, a + 32768, 256); xt_tld_b(21, a + 36864, 256); xt_tld_b(22, a + 49152, 256); xt_tld_b(23, a + 53248, 256);
  }
  xt_fence();
  printf("loads=%lu\n", (unsigned long)xt_stat(XT_STAT_TILE_LOADS));
  return 0;
}
