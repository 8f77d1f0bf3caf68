/* GEMM on the tile unit: C[M][N] = A[M][K] x B[N][K]^T.
   A int8; B int8, or ternary (2-bit codes, 4 per byte, rows of ceil(K/4) bytes); C int32, or int8
   requantized as sat(round(acc * scale >> shift)).
   Args: 0 M, 1 N, 2 K, 3 A, 4 B, 5 C, 6 dtype (0 int8, 1 ternary), 7 out (0 int32, 1 int8),
         8 scale, 9 shift.
   Schedule: 64x64 blocks of C held in 16 accumulator tiles (tr0..tr15, acc[i][j] = tr(4i+j)),
   K in chunks of 256. Each (block, chunk) is a stage whose B slab is DMAed into one of three
   scratchpad buffers two stages ahead of the compute (across blocks too). A block row of A
   (64 x K, K <= 1024) stays in the scratchpad while the blocks of that row go by: loaded once,
   in the stages of the row's first block, into one of two panels (the next row's panel loads
   while this one is in use). Larger K streams A slabs like B (three buffers);
   operand tiles alternate between two register sets (tr16..23 / tr24..31) so loads run ahead of
   the MMAs. Scratchpad placement is swizzled, so the 256-byte-pitch slabs load without bank
   conflicts. Tails: DMA zero-fills outside the tensors and clips the stores; MMAs on tiles
   entirely outside are skipped. */
#include "wl.h"

#define BM 64
#define BN 64
#define KC 256
#define NBUF 3                                 /* operand buffers: prefetch distance NBUF - 1 */
#define SLAB 16384u                            /* one stage's A or B slab: 64 x 256 B */
#define PANEL_CHUNKS 4u                        /* A panels: 64 x 1024 B */
/* Scratchpad layout. Streaming A: A slabs [0, 48K), B slabs [48K, 96K), C [96K, 128K).
   A panels: panels [0, 128K), B slabs [128K, 176K), C [176K, 208K). B slabs hold 64 x 256 B
   (int8) or 64 x 64 B (ternary); C buffers 64 x 64 int32 (two: the epilogue overlaps). */
#define SP_A(buf) ((buf) * SLAB)
#define SP_PANEL(mb, c) (((mb) & 1u) * PANEL_CHUNKS * SLAB + (c) * SLAB)
#define PANEL_SPAD_KIB ((2 * PANEL_CHUNKS + NBUF + 2) * SLAB / 1024)  /* panels, B slabs, C */

static xt_dma_desc dA[2], dB[2], dC;  /* dA: top / bottom half of an A slab (queues 0 / 1) */

/* The prefetch cursor walks the stages (block row, block column, k chunk) NBUF - 1 stages ahead
   of the compute, without divisions: the core's divider is slow and every cycle the core spends
   between tile instructions is a cycle the command queue drains. */
static struct { uint32_t mb, nb, c, buf, parity, left; } pf;
static uint32_t g_chunks, g_nblocks, g_ternary, g_panel, g_spb, g_spc;

/* Where the A slab of stage (mb, chunk c) lives: its panel, or the stage's buffer. */
static uint32_t a_slab(uint32_t mb, uint32_t c, uint32_t buf) { return g_panel ? SP_PANEL(mb, c) : SP_A(buf); }

/* DMA the B slab (and the A slab, unless its panel is loaded already) of the cursor's stage
   into place (the scratchpad interlock holds each transfer until the buffer's previous readers
   are done), then advance the cursor. */
static void prefetch(void) {
  if (!pf.left) return;
  --pf.left;
  const uint32_t k0 = pf.c * KC;
  if (!g_panel || pf.nb == 0) {
    const uint32_t a = a_slab(pf.mb, pf.c, pf.buf);
    (void)xt_dma_ld(&dA[0], pf.mb * BM, k0, a);
    (void)xt_dma_ld(&dA[1], pf.mb * BM + BM / 2, k0, a + (BM / 2) * KC);
  }
  (void)xt_dma_ld(&dB[pf.parity], pf.nb * BN, g_ternary ? k0 / 4 : k0, g_spb + pf.buf * SLAB);
  pf.parity ^= 1;
  if (++pf.buf == NBUF) pf.buf = 0;
  if (++pf.c == g_chunks) {
    pf.c = 0;
    if (++pf.nb == g_nblocks) {
      pf.nb = 0;
      ++pf.mb;
    }
  }
}


#define MMA_ROW(i, a, bb)                                                  \
  do {                                                                   \
    if (ternary) {                                                       \
      xt_mma_t2(4 * (i) + 0, a, bb + 0); xt_mma_t2(4 * (i) + 1, a, bb + 1); \
      xt_mma_t2(4 * (i) + 2, a, bb + 2); xt_mma_t2(4 * (i) + 3, a, bb + 3); \
    } else {                                                             \
      xt_mma_ss(4 * (i) + 0, a, bb + 0); xt_mma_ss(4 * (i) + 1, a, bb + 1); \
      xt_mma_ss(4 * (i) + 2, a, bb + 2); xt_mma_ss(4 * (i) + 3, a, bb + 3); \
    }                                                                    \
  } while (0)

/* Loads of operand pair i (A row-tile i, B column-tile i) of k step `kstep` into tr(ab+i), tr(bb+i). */
#define LOAD_PAIR(i, ab, bb, kstep)                                                      \
  do {                                                                                   \
    xt_tld_b(ab + (i), abuf + (kstep) * 16u + (i) * 4096u, a_pitch);                    \
    if (ternary) xt_tld_t2(bb + (i), bbuf + (kstep) * b_kbytes + (i) * b_tile, b_pitch); \
    else xt_tld_b(bb + (i), bbuf + (kstep) * b_kbytes + (i) * b_tile, b_pitch);         \
  } while (0)

/* One k step on a full 4x4 block with operands in (ab, bb), software-pipelined: the loads of the
   next step (into nab, nbb) are interleaved with this step's MMAs, so they enter the command
   queue early and the MAC array never waits for them. */
#define KSTEP_FULL(ab, bb, nab, nbb)                                          \
  do {                                                                        \
    const int more = ks + 1 < ksteps;                                         \
    MMA_ROW(0, ab + 0, bb); if (more) LOAD_PAIR(0, nab, nbb, ks + 1);         \
    MMA_ROW(1, ab + 1, bb); if (more) LOAD_PAIR(1, nab, nbb, ks + 1);         \
    MMA_ROW(2, ab + 2, bb); if (more) LOAD_PAIR(2, nab, nbb, ks + 1);         \
    MMA_ROW(3, ab + 3, bb); if (more) LOAD_PAIR(3, nab, nbb, ks + 1);         \
  } while (0)

/* Edge blocks: tiles outside the matrix are neither loaded nor multiplied. The tile numbers
   must be constants, hence the unrolled guards. */
#define G_MMA(i, j, ab, bb) \
  do { if ((i) < mt && (j) < nt) { if (ternary) xt_mma_t2(4 * (i) + (j), ab + (i), bb + (j)); else xt_mma_ss(4 * (i) + (j), ab + (i), bb + (j)); } } while (0)
#define G_LD(i, ab, bb)                                                                  \
  do {                                                                                   \
    if ((i) < mt) xt_tld_b(ab + (i), abuf + ks * 16u + (i) * 4096u, a_pitch);           \
    if ((i) < nt) {                                                                      \
      if (ternary) xt_tld_t2(bb + (i), bbuf + ks * b_kbytes + (i) * b_tile, b_pitch);   \
      else xt_tld_b(bb + (i), bbuf + ks * b_kbytes + (i) * b_tile, b_pitch);            \
    }                                                                                    \
  } while (0)
#define KSTEP_EDGE(ab, bb)                                                               \
  do {                                                                                   \
    G_LD(0, ab, bb); G_LD(1, ab, bb); G_LD(2, ab, bb); G_LD(3, ab, bb);                 \
    G_MMA(0, 0, ab, bb); G_MMA(0, 1, ab, bb); G_MMA(0, 2, ab, bb); G_MMA(0, 3, ab, bb); \
    G_MMA(1, 0, ab, bb); G_MMA(1, 1, ab, bb); G_MMA(1, 2, ab, bb); G_MMA(1, 3, ab, bb); \
    G_MMA(2, 0, ab, bb); G_MMA(2, 1, ab, bb); G_MMA(2, 2, ab, bb); G_MMA(2, 3, ab, bb); \
    G_MMA(3, 0, ab, bb); G_MMA(3, 1, ab, bb); G_MMA(3, 2, ab, bb); G_MMA(3, 3, ab, bb); \
  } while (0)

#define EPI_TILE(i, j)                                                                     \
  do {                                                                                     \
    if ((i) < mt && (j) < nt) {                                                            \
      if (out8) {                                                                          \
        xt_quant(16, 4 * (i) + (j), scale);                                                \
        xt_tst_b(16, cbuf + (i) * 16u * 64u + (j) * 16u, 64);                              \
      } else {                                                                             \
        xt_tst_w(4 * (i) + (j), cbuf + (i) * 16u * 256u + (j) * 64u, 256);                 \
      }                                                                                    \
    }                                                                                      \
  } while (0)

int main(void) {
  WL_REQUIRE_ARGS();
  const uint32_t M = WL_ARG(0), N = WL_ARG(1), K = WL_ARG(2);
  const uint32_t A = WL_ARG(3), B = WL_ARG(4), C = WL_ARG(5);
  const int ternary = WL_ARG(6) == 1, out8 = WL_ARG(7) == 1;
  const int32_t scale = (int32_t)WL_ARG(8);
  (void)xt_cfg(XT_CFG_SWIZZLE, 1);
  if (out8) {
    (void)xt_cfg(XT_CFG_QSHIFT, WL_ARG(9));
    (void)xt_cfg(XT_CFG_ROUND, XT_ROUND_AWAY);
  }
  const uint32_t a_pitch = KC;                       /* scratchpad row pitch of an A slab */
  const uint32_t b_pitch = ternary ? KC / 4 : KC;    /* ... of a B slab */
  const uint32_t b_kbytes = ternary ? 4 : 16;        /* bytes of one 16-wide k step in a B row */
  const uint32_t b_tile = 16 * b_pitch;              /* 16 rows of a B slab */
  const uint32_t b_cols = ternary ? (K + 3) / 4 : K; /* B row length in bytes */
  /* Each DMA queue sustains in_flight x burst / latency (10 GB/s on the default chip), so an A
     slab goes out as two half-slabs on queues 0 and 1 and B on queues 2 / 3 by stage parity. */
  const uint32_t nq = xt_cfgr(XT_INFO_DMA_QUEUES);
  for (uint32_t q = 0; q < 2; ++q) {
    wl_desc(&dA[q], A, M, K, K, BM / 2, KC, 1, 1, q % nq, a_pitch);
    wl_desc(&dB[q], B, N, b_cols, b_cols, BN, b_pitch, 1, 1, (2u + q) % nq, b_pitch);
  }
  if (out8) wl_desc(&dC, C, M, N, N, BM, BN, 1, 1, 0, 64);
  else wl_desc(&dC, C, M, N, 4 * N, BM, BN, 4, 1, 0, 256);

  const uint32_t mblocks = wl_cdiv(M, BM), nblocks = wl_cdiv(N, BN), chunks = wl_cdiv(K, KC);
  const uint32_t stages = mblocks * nblocks * chunks;
  g_chunks = chunks;
  g_nblocks = nblocks;
  g_ternary = (uint32_t)ternary;
  /* Panels pay off only when a block row has several blocks to reuse its A. They also need it:
     the prefetch two stages ahead loads block row mb + 2 into panel (mb & 1), which is safe only
     once row mb has issued all its tile loads, i.e. when a row has at least two stages. */
  g_panel = nblocks > 1 && chunks <= PANEL_CHUNKS && xt_cfgr(XT_INFO_SPAD_KIB) >= PANEL_SPAD_KIB;
  g_spb = g_panel ? 2 * PANEL_CHUNKS * SLAB : NBUF * SLAB;
  g_spc = g_spb + NBUF * SLAB;
  pf.left = stages;
  for (uint32_t p = 0; p + 1 < NBUF; ++p) prefetch();
  uint32_t block = 0, buf = 0;
  for (uint32_t mb = 0; mb < mblocks; ++mb)
    for (uint32_t nb = 0; nb < nblocks; ++nb, ++block) {
      const uint32_t m0 = mb * BM, n0 = nb * BN;
      const uint32_t mt = wl_min(4, wl_cdiv(M - m0, 16)), nt = wl_min(4, wl_cdiv(N - n0, 16));
      const int full = mt == 4 && nt == 4;
      xt_fill(0, 0); xt_fill(1, 0); xt_fill(2, 0); xt_fill(3, 0); xt_fill(4, 0); xt_fill(5, 0);
      xt_fill(6, 0); xt_fill(7, 0); xt_fill(8, 0); xt_fill(9, 0); xt_fill(10, 0); xt_fill(11, 0);
      xt_fill(12, 0); xt_fill(13, 0); xt_fill(14, 0); xt_fill(15, 0);
      for (uint32_t c = 0, k0 = 0; c < chunks; ++c, k0 += KC) {
        prefetch();
        const uint32_t abuf = a_slab(mb, c, buf), bbuf = g_spb + buf * SLAB;
        if (++buf == NBUF) buf = 0;
        const uint32_t ksteps = K - k0 >= KC ? KC / 16 : (K - k0 + 15) / 16;
        uint32_t ks = 0;
        if (full) {
          LOAD_PAIR(0, 16, 24, 0); LOAD_PAIR(1, 16, 24, 0); LOAD_PAIR(2, 16, 24, 0); LOAD_PAIR(3, 16, 24, 0);
          for (;;) {
            KSTEP_FULL(16, 24, 20, 28);
            if (++ks >= ksteps) break;
            KSTEP_FULL(20, 28, 16, 24);
            if (++ks >= ksteps) break;
          }
        } else {
          for (; ks < ksteps; ++ks) {
            if (ks & 1) KSTEP_EDGE(20, 28);
            else KSTEP_EDGE(16, 24);
          }
        }
      }
      /* Epilogue: accumulators -> scratchpad (double-buffered) -> DRAM. */
      const uint32_t cbuf = g_spc + (block & 1) * SLAB;
      EPI_TILE(0, 0); EPI_TILE(0, 1); EPI_TILE(0, 2); EPI_TILE(0, 3);
      EPI_TILE(1, 0); EPI_TILE(1, 1); EPI_TILE(1, 2); EPI_TILE(1, 3);
      EPI_TILE(2, 0); EPI_TILE(2, 1); EPI_TILE(2, 2); EPI_TILE(2, 3);
      EPI_TILE(3, 0); EPI_TILE(3, 1); EPI_TILE(3, 2); EPI_TILE(3, 3);
      (void)xt_dma_st(&dC, m0, n0, cbuf);
    }
  xt_fence();
  return 0;
}
