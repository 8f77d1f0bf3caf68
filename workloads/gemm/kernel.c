/* GEMM on the tile unit: C[M][N] = A[M][K] x B[N][K]^T.
   A int8; B int8, or ternary (2-bit codes, 4 per byte, rows of ceil(K/4) bytes); or A and B int4
   (two per byte, rows of ceil(K/2) bytes: the int8 schedule on byte rows, xt.mma.s4 taking 32
   elements per 16 bytes; kernel_s4.c builds this file with GEMM_INT4); C int32, or int8 requantized as sat(round(acc * scale >> shift)).
   Arguments: wl_gemm_args (wl_args.h).
   Blocking adapts to the chip (xt.cfgr): with >= 32 tile registers and >= 128 KiB of scratchpad,
   64x64 blocks of C in 16 accumulator tiles; otherwise (down to 12 registers and 64 KiB, the
   minimum the host driver enforces) 32x32 blocks in 4 accumulators. K goes in chunks of 256.
   Each (block, chunk) is a stage whose B slab is DMAed into one of three scratchpad buffers two
   stages ahead of the compute (across blocks too). When a block row has several blocks and its
   A (BM x K, K <= 1024) fits, the row stays in the scratchpad while its blocks go by: loaded
   once, in the stages of the row's first block, into one of two panels (the next row's panel
   loads while this one is in use). Otherwise A slabs stream like B (three buffers). Operand
   tiles alternate between two register sets so loads run ahead of the MMAs. Scratchpad
   placement is swizzled, so the 256-byte-pitch slabs load without bank conflicts. Tails: DMA
   zero-fills outside the tensors and clips the stores; MMAs on tiles entirely outside are
   skipped.
   Many cores (SPMD): the blocks of C, in row-major order, split into contiguous balanced ranges,
   one per core (tilesim_split); each core runs the schedule above on its range (its first row
   may start mid-row: that block loads the row's A panel) with its own scratchpad and DMA
   queues, then all meet at a barrier. Every block is computed whole by one core in the same
   order, so C is bit-identical for every core count. */
#include "wl.h"
#include "args.h"

#define KC 256
#define NBUF 3          /* operand buffers: prefetch distance NBUF - 1 */
#define PANEL_CHUNKS 4u /* A panels: BM x 1024 B */
/* Scratchpad layout, in slabs (one stage's A or B slab: BM x 256 B; a C buffer fits in one).
   Streaming A: A slabs [0, 3), B slabs [3, 6), C [6, 8). A panels: panels [0, 8), B slabs
   [8, 11), C [11, 13). */
#define STREAM_SLABS (2 * NBUF + 2)
/* The chip needs the driver checks (args.h) follow from the smallest schedule: */
_Static_assert(4 * 2 + 2 * 2 == WL_GEMM_MIN_TILE_REGS, "32x32 blocks: 4 BT + BT^2 tile registers, BT = 2");
_Static_assert(STREAM_SLABS * 32 * KC / 1024 == WL_GEMM_MIN_SPAD_KIB, "32x32 blocks: STREAM_SLABS slabs of 32 x KC bytes");
#define PANEL_SLABS (2 * PANEL_CHUNKS + NBUF + 2)

/* A core's state (on its stack: every core runs this code, so nothing mutable is global). */
typedef struct {
  xt_dma_desc dA[2], dB[2], dC; /* dA: top / bottom half of an A slab (queues 0 / 1) */
  /* The prefetch cursor walks the stages (block row, block column, k chunk) NBUF - 1 stages
     ahead of the compute, without divisions: the core's divider is slow and every cycle the core
     spends between tile instructions is a cycle the command queue drains. */
  struct { uint32_t mb, nb, c, buf, parity, left; } pf;
  /* The schedule; [b0, b1): this core's blocks, the first at block row mb0, column nb0. */
  struct { uint32_t bm, slab, chunks, nblocks, ternary, panel, spb, spc, b0, b1, mb0, nb0; } g;
} gemm_state;

/* Where the A slab of stage (mb, chunk c) lives: its panel, or the stage's buffer. */
static uint32_t a_slab(const gemm_state* s, uint32_t mb, uint32_t c, uint32_t buf) {
  return s->g.panel ? ((mb & 1u) * PANEL_CHUNKS + c) * s->g.slab : buf * s->g.slab;
}

/* DMA the B slab (and the A slab, unless its panel is loaded already) of the cursor's stage
   into place (the scratchpad interlock holds each transfer until the buffer's previous readers
   are done), then advance the cursor. */
static void prefetch(gemm_state* s) {
  typeof(s->pf)* const pf_ = &s->pf;
  typeof(s->g)* const g_ = &s->g;
#define pf (*pf_)
#define g (*g_)
  if (!pf.left) return;
  --pf.left;
  const uint32_t k0 = pf.c * KC;
  if (!g.panel || pf.nb == (pf.mb == g.mb0 ? g.nb0 : 0)) { /* the row's first block of this core's range */
    const uint32_t a = a_slab(s, pf.mb, pf.c, pf.buf);
    (void)xt_dma_ld(&s->dA[0], pf.mb * g.bm, k0, a);
    (void)xt_dma_ld(&s->dA[1], pf.mb * g.bm + g.bm / 2, k0, a + (g.bm / 2) * KC);
  }
  (void)xt_dma_ld(&s->dB[pf.parity], pf.nb * g.bm, g.ternary ? k0 / 4 : k0, g.spb + pf.buf * g.slab);
  pf.parity ^= 1;
  if (++pf.buf == NBUF) pf.buf = 0;
  if (++pf.c == g.chunks) {
    pf.c = 0;
    if (++pf.nb == g.nblocks) {
      pf.nb = 0;
      ++pf.mb;
    }
  }
#undef pf
#undef g
}

#ifdef GEMM_INT4
#define GEMM_S4 /* gemm_block.h: xt.mma.s4 */
#endif
#define GEMM_BT 4
#define GEMM_FN gemm_blocks64
#include "gemm_block.h"
#undef GEMM_BT
#undef GEMM_FN
#define GEMM_BT 2
#define GEMM_FN gemm_blocks32
#include "gemm_block.h"
#undef GEMM_BT
#undef GEMM_FN
#include "gemm_blocked.h"

int main(void) {
  WL_REQUIRE_ARGS(WL_GEMM);
  gemm_state st; /* every field is set below (no = {0}: picolibc's memset is a byte loop) */
  gemm_state* const S = &st;
  st.pf.c = st.pf.buf = st.pf.parity = 0;
#define g (S->g)
#define pf (S->pf)
  const volatile wl_gemm_args* args = WL_ARGS(wl_gemm_args);
#ifdef GEMM_INT4
  const uint32_t M = args->m, N = args->n, K = (args->k + 1) / 2; /* K: bytes of a row */
  const uint32_t A = args->a, B = args->b, C = args->c;
  const int ternary = 0, out8 = args->out == 1;
#else
  const uint32_t M = args->m, N = args->n, K = args->k;
  const uint32_t A = args->a, B = args->b, C = args->c;
  const int ternary = args->dtype == 1, out8 = args->out == 1;
#endif
  const int32_t scale = (int32_t)args->scale;
  (void)xt_cfg(XT_CFG_SWIZZLE, 1);
  if (out8) {
    (void)xt_cfg(XT_CFG_QSHIFT, args->shift);
    (void)xt_cfg(XT_CFG_ROUND, XT_ROUND_AWAY);
  }
  const uint32_t spad_kib = xt_cfgr(XT_INFO_SPAD_KIB);
  /* The block-MMA schedule (gemm_blocked.h) where the chip wants it (wl_block_mma_pays), or forced. */
  uint32_t tm, tn, kcb, nbuf;
  int c_in_acc;
  const uint32_t sched = args->schedule;  /* 0 auto, 1 tiles, 2 block */
  if ((sched == 2 || (sched == 0 && wl_block_mma_pays())) && plan_blocked(spad_kib * 1024u, xt_cfgr(XT_INFO_ACC_KIB) * 1024u, ternary, out8, &tm, &tn, &kcb, &nbuf, &c_in_acc)) {
    gemm_blocked(S, M, N, K, A, B, C, ternary, out8, scale, tm, tn, kcb, nbuf, c_in_acc ? spad_kib * 1024u : ~0u);
    xt_fence();
    tilesim_barrier();
    return 0;
  }
  const int big = xt_cfgr(XT_INFO_TILE_REGS) >= 32 && spad_kib >= STREAM_SLABS * 16;
  g.bm = big ? 64 : 32;
  g.slab = g.bm * KC;
  const uint32_t b_pitch = ternary ? KC / 4 : KC;    /* scratchpad row pitch of a B slab */
  const uint32_t b_cols = ternary ? (K + 3) / 4 : K; /* B row length in bytes */
  /* Each DMA queue sustains in_flight x burst / latency (10 GB/s on the default chip), so an A
     slab goes out as two half-slabs on queues 0 and 1 and B on queues 2 / 3 by stage parity. */
  const uint32_t nq = xt_cfgr(XT_INFO_DMA_QUEUES);
  for (uint32_t q = 0; q < 2; ++q) {
    wl_desc(&S->dA[q], A, M, K, K, g.bm / 2, KC, 1, 1, wl_queue(q, nq), KC);
    wl_desc(&S->dB[q], B, N, b_cols, b_cols, g.bm, b_pitch, 1, 1, wl_queue(2u + q, nq), b_pitch);
  }
  if (out8) wl_desc(&S->dC, C, M, N, N, g.bm, g.bm, 1, 1, 0, g.bm);
  else wl_desc(&S->dC, C, M, N, 4 * N, g.bm, g.bm, 4, 1, 0, 4 * g.bm);

  const uint32_t mblocks = wl_cdiv(M, g.bm), nblocks = wl_cdiv(N, g.bm), chunks = wl_cdiv(K, KC);
  g.chunks = chunks;
  g.nblocks = nblocks;
  g.ternary = (uint32_t)ternary;
  /* Panels pay off only when a block row has several blocks to reuse its A. They also need it:
     the prefetch two stages ahead loads block row mb + 2 into panel (mb & 1), which is safe only
     once row mb has issued all its tile loads, i.e. when a row has at least two stages. */
  g.panel = nblocks > 1 && chunks <= PANEL_CHUNKS && spad_kib * 1024u >= PANEL_SLABS * g.slab;
  g.spb = (g.panel ? 2 * PANEL_CHUNKS : NBUF) * g.slab;
  g.spc = g.spb + NBUF * g.slab;
  tilesim_split(mblocks * nblocks, tilesim_core(), tilesim_cores(), &g.b0, &g.b1);
  g.mb0 = g.b0 / nblocks;
  g.nb0 = g.b0 % nblocks;
  pf.mb = g.mb0;
  pf.nb = g.nb0;
  pf.left = (g.b1 - g.b0) * chunks;
  for (uint32_t p = 0; p + 1 < NBUF; ++p) prefetch(S);
  if (big) gemm_blocks64(S, M, N, K, ternary, out8, scale);
  else gemm_blocks32(S, M, N, K, ternary, out8, scale);
#undef g
#undef pf
  xt_fence();
  tilesim_barrier();
  return 0;
}
