/* Shared by the workload kernels: the argument block the host driver fills, and DMA helpers.
   The host finds the symbol `tilesim_args`, writes sizes and buffer addresses there, then runs
   the program; a kernel started without a driver (magic missing) exits with code 2. */
#ifndef TILESIM_WL_H
#define TILESIM_WL_H
#include <stdint.h>

#include "tilesim_rt.h"
#include "xtile.h"

#define WL_MAGIC 0x454c4954u /* "TILE" */
typedef struct {
  uint32_t magic;
  uint32_t w[63];
} tilesim_args_t;
extern volatile tilesim_args_t tilesim_args;

#define WL_ARG(i) (tilesim_args.w[(i)])
#define WL_REQUIRE_ARGS() \
  do {                    \
    if (tilesim_args.magic != WL_MAGIC) return 2; \
  } while (0)

static inline void wl_desc(xt_dma_desc* d, uint32_t base, uint32_t rows, uint32_t cols, uint32_t pitch,
                           uint32_t box_rows, uint32_t box_cols, uint32_t elem, uint32_t swizzle, uint32_t queue,
                           uint32_t spad_pitch) {
  d->base = base;
  d->rows = rows;
  d->cols = cols;
  d->pitch = pitch;
  d->box = XT_BOX(box_rows, box_cols);
  d->flags = XT_DMA_FLAGS(elem, swizzle, queue);
  d->spad_pitch = spad_pitch;
  d->col = 0;
}

static inline uint32_t wl_min(uint32_t a, uint32_t b) { return a < b ? a : b; }
static inline uint32_t wl_cdiv(uint32_t a, uint32_t b) { return (a + b - 1) / b; }
#endif
