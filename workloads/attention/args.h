/* The arguments of the attention workload: the struct its kernel and its driver share
   (workloads/common/wl_args.h has the block around it). */
#ifndef TILESIM_WL_ATTENTION_ARGS_H
#define TILESIM_WL_ATTENTION_ARGS_H
#include <stdint.h>

/* What the kernel needs of the chip at least (the lean schedule (256-key chunks from 32 registers and 140 KiB)): the
   registry refuses smaller chips before any input is made. */
#define WL_ATTENTION_MIN_TILE_REGS 15
#define WL_ATTENTION_MIN_SPAD_KIB 38
#define WL_ATTENTION 4 /* the workload id in the argument block (unique: the registry checks) */

/* Flash-attention forward, int8 Q/K/V/O [batch][heads][seq][dim]. */
typedef struct {
  uint32_t batch, heads, seq, dim;
  uint32_t q, k, v, o;
  uint32_t causal;
  int32_t c;           /* logit scale: log2(e) / sqrt(dim) / 32^2 in Q32 */
  int32_t out_mul;     /* output multiplier, Q24 */
  uint32_t out_shift;
} wl_attention_args;

#endif
