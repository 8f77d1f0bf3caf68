/* Polls for five DMA transfers when only one was ever issued: only the watchdog ends it. */
#include "xtile.h"
static int8_t src[16 * 16];
static xt_dma_desc d;
int main(void) {
  d.base = (uint32_t)(uintptr_t)src;
  d.rows = 16; d.cols = 16; d.pitch = 16; d.box = XT_BOX(16, 16); d.flags = XT_DMA_FLAGS(1, 0, 0); d.spad_pitch = 16;
  (void)xt_dma_ld(&d, 0, 0, 0);
  while (xt_stat(XT_STAT_DMA_TRANSFERS) < 5) {
  }
  return 0;
}
