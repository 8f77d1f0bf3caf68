/* A DMA whose tensor lies outside DRAM. */
#include "xtile.h"
static xt_dma_desc d = {0x10, 16, 16, 16, XT_BOX(16, 16), XT_DMA_FLAGS(1, 0, 0), 16, 0};
int main(void) {
  (void)xt_dma_ld(&d, 0, 0, 0);
  xt_wait(0, 0);
  return 0;
}
