/* The arguments of the bitnet workload: the struct its kernel and its driver share
   (workloads/common/wl_args.h has the block around it). */
#ifndef TILESIM_WL_BITNET_ARGS_H
#define TILESIM_WL_BITNET_ARGS_H
#include <stdint.h>

/* What the kernel needs of the chip at least (tile registers tr0..tr15 and 60 KiB of scratchpad (kernel.c's layout)): the
   registry refuses smaller chips before any input is made. */
#define WL_BITNET_MIN_TILE_REGS 16
#define WL_BITNET_MIN_SPAD_KIB 60
#define WL_BITNET 3 /* the workload id in the argument block (unique: the registry checks) */

/* BitNet b1.58 linear layer (layers 1: Y = L1(X)) or MLP (layers 2: Y1 = relu(L1(X)), Y = L2(Y1)). */
typedef struct {
  uint32_t tokens, in, hidden, out;
  uint32_t x, w1, w2;  /* X int32 Q8 [tokens][in]; W1, W2 packed ternary rows */
  uint32_t k1, k2;     /* round(beta * 2^24 / 127) per layer */
  uint32_t y1, y, xq;  /* layer 1's output (MLP), the output, int8 scratch for quantized activations */
  uint32_t layers;
  uint32_t amax;       /* scratch of the block schedule: per 16-token block, (in / 256 + 2) KiB of absmax tiles */
} wl_bitnet_args;

#endif
