/* Two MMAs 50 million cycles apart: with --mac rtl the Verilated array must skip the idle cycles
   between them (a CTest timeout catches a model that ticks through them). */
#include <stdio.h>

#include "tilesim_rt.h"
#include "xtile.h"

int main(void) {
  xt_fill(0, 0);
  xt_fill(1, 0x01010101);
  xt_fill(2, 0x02020202);
  xt_mma_ss(0, 1, 2);
  for (volatile uint32_t i = 0; i < 10000000u; ++i) {
  }
  xt_mma_ss(0, 1, 2);
  xt_fence();
  printf("mma_gap: PASS\n");
  return 0;
}
