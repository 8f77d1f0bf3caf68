/* The arguments of the gemv workload: the struct its kernel and its driver share
   (workloads/common/wl_args.h has the block around it). */
#ifndef TILESIM_WL_GEMV_ARGS_H
#define TILESIM_WL_GEMV_ARGS_H
#include <stdint.h>

/* What the kernel needs of the chip at least (the 64-row schedule (256-row blocks from 32 registers and 136 KiB)): the
   registry refuses smaller chips before any input is made. */
#define WL_GEMV_MIN_TILE_REGS 14
#define WL_GEMV_MIN_SPAD_KIB 52
#define WL_GEMV 2 /* the workload id in the argument block (unique: the registry checks) */

/* Y[rows][vectors] = W[rows][cols] x X[vectors][cols]^T. */
typedef struct {
  uint32_t rows, cols, vectors;
  uint32_t w, x, y;    /* W int8 or ternary (rows of ceil(cols/4) bytes); X int8; Y int32 */
  uint32_t dtype;      /* 0 int8, 1 ternary (W) */
} wl_gemv_args;

#endif
