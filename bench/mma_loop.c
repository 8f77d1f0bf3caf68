/* Tile-MMA throughput benchmark guest: 1,048,576 independent int8 MMAs (8 accumulators in
   rotation, operands loaded once), values computed, then a fence. */
#include <stdint.h>
#include <stdio.h>

#include "xtile.h"

int main(void) {
  xt_fill(1, 0x01020304);
  xt_fill(2, 0x05060708);
  for (uint32_t i = 0; i < (1u << 20) / 8; ++i) {
    xt_mma_ss(8, 1, 2); xt_mma_ss(9, 1, 2); xt_mma_ss(10, 1, 2); xt_mma_ss(11, 1, 2);
    xt_mma_ss(12, 1, 2); xt_mma_ss(13, 1, 2); xt_mma_ss(14, 1, 2); xt_mma_ss(15, 1, 2);
  }
  xt_fence();
  printf("mmas=%lu\n", (unsigned long)xt_stat(XT_STAT_MMA_INT8));
  return 0;
}
