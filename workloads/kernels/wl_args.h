/* The argument block of each workload: one C struct per workload, shared by its kernel (C, on
   the guest) and its host driver (C++): the driver fills the struct, writes it into the
   kernel's `tilesim_args` symbol after the magic word and the workload's id, and the kernel
   reads it back. Your own kernel runs under a workload's driver and golden check
   (`tilesim run --workload gemm --elf my_gemm.elf`) when it reads the same struct
   (docs/examples.md). Addresses are guest DRAM addresses; sizes are elements. */
#ifndef TILESIM_WL_ARGS_H
#define TILESIM_WL_ARGS_H
#include <stdint.h>

#define WL_MAGIC 0x454c4954u /* "TILE" */
enum { WL_GEMM = 1, WL_GEMV = 2, WL_BITNET = 3, WL_ATTENTION = 4 };

/* C[m][n] = A[m][k] x B[n][k]^T. */
typedef struct {
  uint32_t m, n, k;
  uint32_t a, b, c;    /* A int8 [m][k]; B int8 [n][k] or ternary [n][ceil(k/4)] bytes; C int32 or int8 [m][n] */
  uint32_t dtype;      /* 0 int8, 1 ternary (B), 2 int4 (A and B, two per byte; k counts elements) */
  uint32_t out;        /* 0 int32, 1 int8: C = sat(round(acc * scale >> shift)), half away from zero */
  uint32_t scale, shift;
} wl_gemm_args;

/* Y[rows][vectors] = W[rows][cols] x X[vectors][cols]^T. */
typedef struct {
  uint32_t rows, cols, vectors;
  uint32_t w, x, y;    /* W int8 or ternary (rows of ceil(cols/4) bytes); X int8; Y int32 */
  uint32_t dtype;      /* 0 int8, 1 ternary (W) */
} wl_gemv_args;

/* BitNet b1.58 linear layer (layers 1: Y = L1(X)) or MLP (layers 2: Y1 = relu(L1(X)), Y = L2(Y1)). */
typedef struct {
  uint32_t tokens, in, hidden, out;
  uint32_t x, w1, w2;  /* X int32 Q8 [tokens][in]; W1, W2 packed ternary rows */
  uint32_t k1, k2;     /* round(beta * 2^24 / 127) per layer */
  uint32_t y1, y, xq;  /* layer 1's output (MLP), the output, int8 scratch for quantized activations */
  uint32_t layers;
} wl_bitnet_args;

/* Flash-attention forward, int8 Q/K/V/O [batch][heads][seq][dim]. */
typedef struct {
  uint32_t batch, heads, seq, dim;
  uint32_t q, k, v, o;
  uint32_t causal;
  int32_t c;           /* logit scale: log2(e) / sqrt(dim) / 32^2 in Q32 */
  int32_t out_mul;     /* output multiplier, Q24 */
  uint32_t out_shift;
} wl_attention_args;

/* The block in guest memory: magic, workload id, then the workload's struct. */
typedef struct {
  uint32_t magic;
  uint32_t workload;
  uint32_t w[62];
} tilesim_args_t;
#endif
