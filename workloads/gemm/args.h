/* The arguments of the gemm workload: the struct its kernel and its driver share
   (workloads/common/wl_args.h has the block around it). */
#ifndef TILESIM_WL_GEMM_ARGS_H
#define TILESIM_WL_GEMM_ARGS_H
#include <stdint.h>

#define WL_GEMM 1 /* the workload id in the argument block (unique: the registry checks) */

/* C[m][n] = A[m][k] x B[n][k]^T. */
typedef struct {
  uint32_t m, n, k;
  uint32_t a, b, c;    /* A int8 [m][k]; B int8 [n][k] or ternary [n][ceil(k/4)] bytes; C int32 or int8 [m][n] */
  uint32_t dtype;      /* 0 int8, 1 ternary (B), 2 int4 (A and B, two per byte; k counts elements) */
  uint32_t out;        /* 0 int32, 1 int8: C = sat(round(acc * scale >> shift)), half away from zero */
  uint32_t scale, shift;
} wl_gemm_args;

#endif
