/* BitNet b1.58 on the tile unit: linear layers y = x W^T with per-token absmax int8 activation
   quantization, absmean ternary weights (quantized on the host, packed 2 bits) and
   dequantization with both scales; and a two-layer MLP (layer 1, ReLU, layer 2).
   Fixed point (docs/workloads.md states it exactly; the host golden model repeats it):
     a_t  = max_i |X[t][i]|            (1 if 0)      X: int32 activations, Q8
     s_t  = 127 * round(2^24 / a_t)                  (xt.rcp with FRAC 12, xt.mul.x)
     xq   = sat8(round(X * s_t / 2^24))              (xt.quant.r, QSHIFT 24, half away)
     acc  = sum_i xq[t][i] * w[o][i]                 (xt.mma.t2)
     Y    = mulq12(mulq12(acc, a_t), K)              K = round(beta * 2^24 / 127), beta = mean|W|
     (layer 1 of the MLP: Y = max(Y, 0))             Y: int32, Q8
   Arguments: wl_bitnet_args (wl_args.h).
   Many cores (SPMD): the work of a layer - (16-token block, 64-output block) pairs, token-block
   major - splits into contiguous balanced ranges, one per core (tilesim_split). A core
   quantizes each token block its range touches (two cores sharing one both write its int8 rows,
   identically) and computes its output blocks; the MLP's layers meet at a barrier (layer 2
   reads all of layer 1). Every output element is one core's, summed in the same order: Y is
   bit-identical for every core count. */
#include "wl.h"
#include "args.h"

#define OB 64     /* outputs per block: 4 accumulator tiles */
#define KC 256    /* inputs per chunk */
/* Scratchpad: 60 KiB and tile registers tr1..tr15 (16 registers): the kernel runs on any chip
   with at least that (the host driver refuses smaller ones). */
#define SP_XQB(b) (40960u + (b) * 4096u)   /* phase B: 16 tokens x KC int8 */
#define SP_WB(b) (49152u + (b) * 4096u)    /* phase B: 64 outputs x KC/4 bytes */
#define SP_Y 57344u                        /* 16 x 64 int32 outputs (pitch 256) */

typedef struct {
  xt_dma_desc dX, dXq, dXqB, dW, dY, dP, dA[2], dB[2]; /* dP, dA, dB: the block schedule (bitnet_blocked.h) */
} bitnet_state;
TILESIM_PER_CORE(bitnet_state, CS); /* this core's descriptors */
#define dX (CS->dX)
#define dXq (CS->dXq)
#define dXqB (CS->dXqB)
#define dW (CS->dW)
#define dY (CS->dY)
#define dP (CS->dP)

/* Phase A: quantize the activations of 16 tokens at row t0 (amax into tr1, scale into tr2).
   X streams in 16 x 256 int32 chunks (double-buffered, swizzled so the 1 KiB-pitch tile loads
   are conflict-free), twice: once for the absmax, once for the quantization. */
#define ACH 256                               /* activation columns per chunk */
#define SP_XA(b) ((b) * 16384u)               /* 16 x 256 int32 */
#define SP_XQA(b) (32768u + (b) * 4096u)      /* 16 x 256 int8 */

#define AMAX_T(j) do { xt_tld_w(3, xa + (j) * 64u, 4 * ACH); xt_ramax(1, 3); } while (0)
#define QUANT_T(j) do { xt_tld_w(3, xa + (j) * 64u, 4 * ACH); xt_quant_r(4, 3, 2); xt_tst_b(4, xq + (j) * 16u, ACH); } while (0)

static void quantize_block(uint32_t t0, uint32_t I) {
  const uint32_t chunks = wl_cdiv(I, ACH);
  (void)xt_cfg(XT_CFG_SWIZZLE, 1);
  xt_fill(1, 0);
  for (uint32_t pass = 0; pass < 2; ++pass) {
    if (pass == 1) {
      xt_max_x(1, 1, 1);            /* all-zero token: amax 1 */
      (void)xt_cfg(XT_CFG_FRAC, 12);
      xt_rcp(2, 1);                 /* round(2^24 / a) */
      xt_mul_x(2, 2, 127);          /* s = 127 * that */
    }
    (void)xt_dma_ld(&dX, t0, 0, SP_XA(0));
    for (uint32_t c = 0; c < chunks; ++c) {
      const uint32_t b = c & 1, xa = SP_XA(b), xq = SP_XQA(b);
      if (c + 1 < chunks) (void)xt_dma_ld(&dX, t0, (c + 1) * ACH, SP_XA(b ^ 1));
      const uint32_t tiles = wl_min(ACH / 16, wl_cdiv(I - c * ACH, 16));
      for (uint32_t j = 0; j < tiles; ++j) {
        if (pass == 0) AMAX_T(j);
        else QUANT_T(j);
      }
      if (pass == 1) (void)xt_dma_st(&dXq, t0, c * ACH, xq);
    }
  }
  (void)xt_cfg(XT_CFG_SWIZZLE, 0);
}

#include "bitnet_blocked.h"

#define MMA4(xr, w0) do { xt_mma_t2(8, xr, w0); xt_mma_t2(9, xr, w0 + 1); xt_mma_t2(10, xr, w0 + 2); xt_mma_t2(11, xr, w0 + 3); } while (0)
#define EPI(t, j)                                     \
  do {                                                \
    xt_mulq(t, t, 5);            /* acc * a >> 12 */  \
    xt_mulq_x(t, t, K);          /* * K >> 12 */      \
    if (relu) xt_max_x(t, t, 0);                      \
    xt_tst_w(t, SP_Y + (j) * 64u, 256);               \
  } while (0)

/* One layer: Y[T][O] = dequant(quantize(X) x W^T). */
static void layer(uint32_t T, uint32_t I, uint32_t O, uint32_t X, uint32_t W, uint32_t K, uint32_t Y, uint32_t Xq,
                  uint32_t P, int relu) {
  const uint32_t nq = xt_cfgr(XT_INFO_DMA_QUEUES), wrow = (I + 3) / 4;
  wl_desc(&dX, X, T, I, 4 * I, 16, ACH, 4, 1, wl_queue(2, nq), 4 * ACH);
  wl_desc(&dXq, Xq, T, I, I, 16, ACH, 1, 1, wl_queue(1, nq), ACH);
  /* The block schedule (bitnet_blocked.h) on chips with block MMAs whose scratchpad holds its
     quantization buffers and the smallest GEMM plan (1 x 1 tiles: 19 KiB); the plan cannot fail
     then, and if it did, the tile schedule below would still compute Y (it quantizes again). */
  const int blk = wl_block_mma_pays();
  if (blk && xt_cfgr(XT_INFO_SPAD_KIB) * 1024u >= SP_XQA(2) + (BQ_SLOTS(I) + 1) * 1024u) {
    bitnet_plan plan = {0, 0, 0, 0, 0};
    (void)xt_cfg(XT_CFG_SWIZZLE, 1);
    (void)xt_cfg(XT_CFG_FRAC, 12);
    if (bitnet_quantize_split(T, I, O, P, &plan)) {
      bitnet_gemm_blocked(&plan, T, I, O, Xq, W, K, Y, P, relu);
      (void)xt_cfg(XT_CFG_SWIZZLE, 0);
      (void)xt_cfg(XT_CFG_FRAC, 16);
      return;
    }
  }
  wl_desc(&dXqB, Xq, T, I, I, 16, KC, 1, 0, 0, KC);
  wl_desc(&dW, W, O, wrow, wrow, OB, KC / 4, 1, 0, wl_queue(3, nq), KC / 4);
  wl_desc(&dY, Y, T, O, 4 * O, 16, OB, 4, 0, wl_queue(1, nq), 256);
  const uint32_t chunks = wl_cdiv(I, KC), oblocks = wl_cdiv(O, OB);
  /* Chips whose arrays outrun tile-by-tile issue (as for GEMM) take a block MMA per stage:
     Y tiles (1 x 4) += Xq (16 tokens x k) x W (64 outputs x k)^T, the same MMAs. */
  if (blk) {
    (void)xt_cfg(XT_CFG_BLK_FMT, XT_FMT_T2);
    (void)xt_cfg(XT_CFG_BLK_M, 1);
    (void)xt_cfg(XT_CFG_BLK_N, OB / 16);
    (void)xt_cfg(XT_CFG_BLK_PA, KC);
    (void)xt_cfg(XT_CFG_BLK_PB, KC / 4);
    (void)xt_cfg(XT_CFG_BLK_PC, 256);
  }
  uint32_t i0, i1;  /* this core's (token block, output block) pairs */
  tilesim_split(wl_cdiv(T, 16) * oblocks, tilesim_core(), tilesim_cores(), &i0, &i1);
  for (uint32_t i = i0; i < i1;) {
    const uint32_t tb = i / oblocks, ob = i % oblocks, ob_end = wl_min(oblocks, ob + (i1 - i));
    const uint32_t t0 = tb * 16;
    i += ob_end - ob;
    quantize_block(t0, I);
    xt_mov(5, 1);               /* amax per token, for the dequantization */
    /* Stages (output block, k chunk) in order; the DMAs of the next stage go out before this
       stage computes (double-buffered; the scratchpad interlock guards the buffer reuse). */
    const uint32_t stages = (ob_end - ob) * chunks;
    (void)xt_dma_ld(&dXqB, t0, 0, SP_XQB(0));
    (void)xt_dma_ld(&dW, ob * OB, 0, SP_WB(0));
    uint32_t o0 = ob * OB, c = 0;
    for (uint32_t s = 0; s < stages; ++s) {
      const uint32_t b = s & 1, k0 = c * KC;
      if (s + 1 < stages) {
        const uint32_t c1 = c + 1 == chunks ? 0 : c + 1, o1 = c + 1 == chunks ? o0 + OB : o0;
        (void)xt_dma_ld(&dXqB, t0, c1 * KC, SP_XQB(b ^ 1));
        (void)xt_dma_ld(&dW, o1, c1 * KC / 4, SP_WB(b ^ 1));
      }
      const uint32_t ksteps = wl_min(KC / 16, wl_cdiv(I - k0, 16));
      if (blk) { /* the chunk's 4 x ksteps MMAs in one block MMA, C (the 4 accumulators) at SP_Y */
        (void)xt_cfg(XT_CFG_BLK_ZERO, c == 0);
        (void)xt_cfg(XT_CFG_BLK_K, ksteps);
        (void)xt_mma_blk(SP_XQB(b), SP_WB(b), SP_Y);
      } else if (c == 0) {
        xt_fill(8, 0); xt_fill(9, 0); xt_fill(10, 0); xt_fill(11, 0);
      }
      for (uint32_t ks = 0; !blk && ks < ksteps; ++ks) {
        const uint32_t wb = SP_WB(b) + ks * 4u;
        xt_tld_b(7, SP_XQB(b) + ks * 16u, KC);
        xt_tld_t2(12, wb, KC / 4);
        xt_tld_t2(13, wb + 16u * (KC / 4), KC / 4);
        xt_tld_t2(14, wb + 32u * (KC / 4), KC / 4);
        xt_tld_t2(15, wb + 48u * (KC / 4), KC / 4);
        MMA4(7, 12);
      }
      if (++c == chunks) {
        if (blk) { xt_tld_w(8, SP_Y, 256); xt_tld_w(9, SP_Y + 64u, 256); xt_tld_w(10, SP_Y + 128u, 256); xt_tld_w(11, SP_Y + 192u, 256); }
        EPI(8, 0); EPI(9, 1); EPI(10, 2); EPI(11, 3);
        (void)xt_dma_st(&dY, t0, o0, SP_Y);
        c = 0;
        o0 += OB;
      }
    }
  }
  (void)xt_cfg(XT_CFG_FRAC, 16);
}

int main(void) {
  WL_REQUIRE_ARGS(WL_BITNET);
  bitnet_state st;
  CS = &st;
  const volatile wl_bitnet_args* a = WL_ARGS(wl_bitnet_args);
  const uint32_t T = a->tokens, I = a->in, H = a->hidden, O = a->out;
  (void)xt_cfg(XT_CFG_QSHIFT, 24);
  (void)xt_cfg(XT_CFG_ROUND, XT_ROUND_AWAY);
  if (a->layers == 2) {
    layer(T, I, H, a->x, a->w1, a->k1, a->y1, a->xq, a->amax, 1);
    xt_fence();        /* layer 2 reads layer 1's output from DRAM: all of it, */
    tilesim_barrier(); /* from every core */
    layer(T, H, O, a->y1, a->w2, a->k2, a->y, a->xq, a->amax, 0);
  } else {
    layer(T, I, O, a->x, a->w1, a->k1, a->y, a->xq, a->amax, 0);
  }
  xt_fence();
  tilesim_barrier();
  return 0;
}
