/* Helpers shared by the Xtile guest test programs: DMA of a 2-D byte/word array to and from
   the scratchpad, and a reporting check. */
#ifndef XT_COMMON_H
#define XT_COMMON_H
#include <stdint.h>
#include <stdio.h>

#include "tilesim_rt.h"
#include "xtile.h"

static int xt_failures;

#define CHECK_EQ(what, got, want)                                                              \
  do {                                                                                         \
    long g_ = (long)(got), w_ = (long)(want);                                                  \
    if (g_ != w_) {                                                                            \
      if (xt_failures < 20) printf("FAIL %s: got %ld want %ld (line %d)\n", what, g_, w_, __LINE__); \
      ++xt_failures;                                                                           \
    }                                                                                          \
  } while (0)

/* Copies rows x cols elements of `elem` bytes between a DRAM array (row pitch `pitch` bytes)
   and the scratchpad (row pitch spad_pitch, placement swizzled or not) through DMA queue q, then
   waits for it. */
static inline void xt_copy_swz(int to_spad, const void* dram, uint32_t rows, uint32_t cols, uint32_t elem, uint32_t pitch,
                               uint32_t spad, uint32_t spad_pitch, uint32_t q, uint32_t swizzle) {
  static xt_dma_desc d;
  d.base = (uint32_t)(uintptr_t)dram;
  d.rows = rows;
  d.cols = cols;
  d.pitch = pitch;
  d.box = XT_BOX(rows, cols);
  d.flags = XT_DMA_FLAGS(elem, swizzle, q);
  d.spad_pitch = spad_pitch;
  if (to_spad) (void)xt_dma_ld(&d, 0, 0, spad);
  else (void)xt_dma_st(&d, 0, 0, spad);
  xt_wait(q, 0);
}
static inline void xt_copy(int to_spad, const void* dram, uint32_t rows, uint32_t cols, uint32_t elem, uint32_t pitch,
                           uint32_t spad, uint32_t spad_pitch, uint32_t q) {
  xt_copy_swz(to_spad, dram, rows, cols, elem, pitch, spad, spad_pitch, q, 0);
}

static inline int xt_report(const char* name) {
  xt_fence();
  if (xt_failures == 0) printf("%s: PASS\n", name);
  else printf("%s: %d failures\n", name, xt_failures);
  return xt_failures ? 1 : 0;
}
#endif
