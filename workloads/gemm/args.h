/* The arguments of the gemm workload: the struct its kernel and its driver share
   (workloads/common/wl_args.h has the block around it). */
#ifndef TILESIM_WL_GEMM_ARGS_H
#define TILESIM_WL_GEMM_ARGS_H
#include <stdint.h>

/* What the kernel needs of the chip at least (the 32x32-block schedule: 4 BT + BT^2 tile registers for BT = 2; STREAM_SLABS (8) slabs of 32 x 256 B (64x64 blocks from 32 registers and 128 KiB)): the
   registry refuses smaller chips before any input is made. */
#define WL_GEMM_MIN_TILE_REGS 12
#define WL_GEMM_MIN_SPAD_KIB 64
#define WL_GEMM 1 /* the workload id in the argument block (unique: the registry checks) */

/* C[m][n] = A[m][k] x B[n][k]^T. */
typedef struct {
  uint32_t m, n, k;
  uint32_t a, b, c;    /* A int8 [m][k]; B int8 [n][k] or ternary [n][ceil(k/4)] bytes; C int32 or int8 [m][n] */
  uint32_t dtype;      /* 0 int8, 1 ternary (B), 2 int4 (A and B, two per byte; k counts elements) */
  uint32_t out;        /* 0 int32, 1 int8: C = sat(round(acc * scale >> shift)), half away from zero */
  uint32_t scale, shift;
  uint32_t schedule;   /* 0 auto (the chip decides), 1 tile by tile, 2 block MMAs (xt.mma.blk) */
} wl_gemm_args;

#endif
