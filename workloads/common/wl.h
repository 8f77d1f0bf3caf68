/* Shared by the workload kernels: their argument structs (wl_args.h), which the host driver
   writes into the symbol `tilesim_args` before the run, and DMA helpers. */
#ifndef TILESIM_WL_H
#define TILESIM_WL_H
#include <stdint.h>

#include "tilesim_rt.h"
#include "tilesim_spmd.h"
#include "xtile.h"
#include "wl_args.h"

extern volatile tilesim_args_t tilesim_args;

/* The kernel's arguments as its workload's struct (wl_args.h); a kernel started without a driver,
   or by another workload's driver, exits with code 2. */
#define WL_ARGS(T) ((const volatile T*)tilesim_args.w)
#define WL_REQUIRE_ARGS(id) \
  do {                      \
    if (tilesim_args.magic != WL_MAGIC || tilesim_args.workload != (id)) return 2; \
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

/* Does this chip want its kernels on xt.mma.blk? Yes when its arrays outrun tile-by-tile issue
   (8 or more tiles' worth of 16x16 arrays per core) or are larger than a tile (one MMA uses only
   a 16x16 corner of them). */
static inline int wl_block_mma_pays(void) {
  const uint32_t mr = xt_cfgr(XT_INFO_MAC_ROWS), mc = xt_cfgr(XT_INFO_MAC_COLS);
  if (mr >= 32 || mc >= 32) return 1;
  return xt_cfgr(XT_INFO_MAC_ENGINES) >= 8;
}
static inline uint32_t wl_cdiv(uint32_t a, uint32_t b) { return (a + b - 1) / b; }

/* The load cursor of a blocked GEMM schedule (gemm_blocked.h, bitnet_blocked.h): the next stage
   to load - block row mb, block column nb, K chunk c, in row-major block order - and its buffer. */
typedef struct {
  uint32_t mb, nb, c, buf;
} wl_cursor;

static inline void wl_cursor_next(wl_cursor* q, uint32_t nbuf, uint32_t chunks, uint32_t nblocks) {
  if (++q->buf == nbuf) q->buf = 0;
  if (++q->c == chunks) {
    q->c = 0;
    if (++q->nb == nblocks) {
      q->nb = 0;
      ++q->mb;
    }
  }
}

/* DMA queue q of a chip with nq queues (q mod nq) without a division when q < nq, the usual case:
   a divide costs 34 cycles, and a kernel's set-up before its first DMA is time no transfer runs. */
static inline uint32_t wl_queue(uint32_t q, uint32_t nq) { return q < nq ? q : q % nq; }
#endif
