/* GEMV on the tile unit: Y[R][V] = W[R][C] x X[V][C]^T for V = 1..16 vectors (V = 1 is the plain
   y = W x). W int8 or ternary (2-bit codes, rows of ceil(C/4) bytes), X int8, Y int32.
   Arguments: wl_gemv_args (wl_args.h).
   The memory-bound case: each W element is used once per vector, so W streams through the
   scratchpad in 256-row x 128-column slabs (three buffers, DMAs spread over all queues) while
   the 16 accumulator tiles (tr0..tr15, 16 rows x 16 vectors each) stay in registers. The X chunk
   of a slab is one tile: vector v in row v (ternary W must be the MMA's second operand, so there
   the accumulators hold Y^T and are transposed before the store). With one vector, 15 of the 16 MMA columns are
   padding: the price of a 16x16 tile on a matrix-vector product, shown as executed vs useful
   MACs in the report.
   Many cores (SPMD): the 16-row tiles of W split into contiguous balanced ranges, one per core
   (tilesim_split); each core runs the schedule above on its rows as a matrix of its own (the
   DMAs clip at its last row), then all meet at a barrier. Each row of Y is one core's, summed in
   the same order: Y is bit-identical for every core count. The globals below hold the same
   values on every core (they follow from the arguments and the chip); the prefetch cursor is
   per core, on its stack.
   Chips whose arrays outrun tile-by-tile issue (as for GEMM: 8 or more tiles' worth of 16x16
   arrays, or arrays larger than a tile) compute each chunk with one xt.mma.blk instead: int8
   Y (row tiles x 1) += W (row tiles x k steps) X^T; ternary W must be B, so Y^T (1 x row tiles)
   += X W^T, transposed in the epilogue as above. The same MMAs, so the same bits. */
#include "wl.h"
#include "args.h"

#define NBUF 3
/* Rows per block: RB = 256 (16 accumulator tiles) on chips with >= 32 tile registers and
   >= 136 KiB of scratchpad, else 64 (4 tiles; 14 registers and 52 KiB at least). Columns per
   slab: KC = 128 for int8, 512 for ternary (RB x 128 B either way): long slabs keep the
   per-slab DMA set-up off the core, which must issue a W tile every 4 cycles. Scratchpad: W
   slabs [0, 3 S), X chunks (16 x KC B) [3 S, 3 S + 3 X), Y (RB x 64 B: 16 vectors x int32). */
static uint32_t KC, RB, SLAB, RBQ; /* RBQ: rows per DMA queue in a slab (RB / 4, or fewer when this core has fewer rows) */
#define SP_W(b) ((b) * SLAB)
#define SP_X(b) (NBUF * SLAB + (b) * 8192u)
#define SP_Y (NBUF * SLAB + NBUF * 8192u)
#define SP_YT (SP_Y + 256u * 64u) /* the block path's Y^T (ternary): 16 vectors x RB rows int32 */

static uint32_t g_chunks, g_ternary;
typedef struct {
  xt_dma_desc dW[4], dX;
  uint32_t rb, c, buf, left;
} gemv_prefetch;

static void prefetch(gemv_prefetch* s) {
#define pf (*s)
#define dW (s->dW)
#define dX (s->dX)
  if (!pf.left) return;
  --pf.left;
  const uint32_t k0 = pf.c * KC, wk = g_ternary ? k0 / 4 : k0, wpitch = g_ternary ? KC / 4 : KC;
  for (uint32_t q = 0; q < 4; ++q)  /* a quarter of the slab per DMA queue */
    (void)xt_dma_ld(&dW[q], pf.rb * RB + q * RBQ, wk, SP_W(pf.buf) + q * RBQ * wpitch);
  (void)xt_dma_ld(&dX, 0, k0, SP_X(pf.buf));
  if (++pf.buf == NBUF) pf.buf = 0;
  if (++pf.c == g_chunks) {
    pf.c = 0;
    ++pf.rb;
  }
#undef pf
#undef dW
#undef dX
}

#define GEMV_TILES 16
#include "gemv_chunks.h"
#undef GEMV_TILES
#define GEMV_TILES 4
#include "gemv_chunks.h"
#undef GEMV_TILES

#define FILL_T(t) xt_fill(t, 0);
#define STORE_T(t)                                        \
  if ((t) < tiles) {                                      \
    if (ternary) xt_tr(t, t); /* [vector][row] -> [row][vector] */ \
    xt_tst_w(t, SP_Y + (t) * 16u * 64u, 64);              \
  }

int main(void) {
  WL_REQUIRE_ARGS(WL_GEMV);
  const volatile wl_gemv_args* args = WL_ARGS(wl_gemv_args);
  const uint32_t C = args->cols, V = args->vectors, X = args->x;
  const int ternary = args->dtype == 1;
  const uint32_t wcols = ternary ? (C + 3) / 4 : C;  /* bytes of a W row */
  /* This core's rows [r0, r0 + R): whole 16-row tiles, the last core's may end in a tail. */
  uint32_t t0, t1;
  tilesim_split(wl_cdiv(args->rows, 16), tilesim_core(), tilesim_cores(), &t0, &t1);
  const uint32_t r0 = t0 * 16, R = wl_min(args->rows, t1 * 16) - wl_min(args->rows, r0);
  const uint32_t W = args->w + r0 * wcols, Y = args->y + r0 * 4 * V;
  gemv_prefetch st;
  gemv_prefetch* const S = &st;
#define pf (S[0])
#define dW (S->dW)
#define dX (S->dX)
  pf.rb = pf.c = pf.buf = 0;
  KC = ternary ? 512 : 128;
  const int big = xt_cfgr(XT_INFO_TILE_REGS) >= 32 && xt_cfgr(XT_INFO_SPAD_KIB) >= 136;
  RB = big ? 256 : 64;
  SLAB = RB * 128;
  (void)xt_cfg(XT_CFG_SWIZZLE, 1);
  const uint32_t nq = xt_cfgr(XT_INFO_DMA_QUEUES);
  const uint32_t wpitch = ternary ? KC / 4 : KC;  /* slab row pitch */
  /* A slab's rows split over the 4 queues in whole tiles; a core with fewer rows than a slab
     (many cores) spreads them over all four, so every queue's in-flight window works. */
  RBQ = 16 * wl_cdiv(wl_cdiv(wl_min(RB, R), 16), 4);
  for (uint32_t q = 0; q < 4; ++q) wl_desc(&dW[q], W, R, wcols, wcols, RBQ, wpitch, 1, 1, wl_queue(q, nq), wpitch);
  wl_desc(&dX, X, V, C, C, 16, KC, 1, 1, 0, KC);
  xt_dma_desc dY, dYt;
  wl_desc(&dY, Y, R, V, 4 * V, RB, 16, 4, 1, wl_queue(1, nq), 64);
  /* RB and KC are powers of two: shifts, not divides, before the first DMA. */
  const uint32_t blocks = (R + RB - 1) >> (big ? 8 : 6), chunks = (C + KC - 1) >> (ternary ? 9 : 7);
  g_chunks = chunks;
  g_ternary = (uint32_t)ternary;
  pf.left = blocks * chunks;
  for (uint32_t p = 0; p + 1 < NBUF; ++p) prefetch(S);
  const int blk = big && wl_block_mma_pays() && xt_cfgr(XT_INFO_SPAD_KIB) * 1024u >= SP_YT + 64u * RB;
  if (blk) {
    (void)xt_cfg(XT_CFG_BLK_FMT, ternary ? XT_FMT_T2 : XT_FMT_SS);
    (void)xt_cfg(XT_CFG_BLK_PA, ternary ? KC : wpitch); /* ternary: A = X; int8: A = W */
    (void)xt_cfg(XT_CFG_BLK_PB, ternary ? wpitch : KC);
    /* One vector: Y^T's row (the ternary accumulators) is Y itself, R contiguous int32: stored
       as one row, without the transposes (they were the run's tail after its last W byte). */
    if (ternary && V == 1) wl_desc(&dYt, Y, 1, R, 4 * R, 1, RB, 4, 1, wl_queue(1, nq), 64u * RB);
  }
  uint32_t buf = 0;
  for (uint32_t rb = 0; rb < blocks; ++rb) {
    if (blk) {
      const uint32_t tiles = wl_min(RB / 16, wl_cdiv(R - rb * RB, 16));
      (void)xt_cfg(XT_CFG_BLK_M, ternary ? 1 : tiles);
      (void)xt_cfg(XT_CFG_BLK_N, ternary ? tiles : 1);
      (void)xt_cfg(XT_CFG_BLK_PC, ternary ? 64 * tiles : 64);
      for (uint32_t c = 0, k0 = 0; c < chunks; ++c, k0 += KC) {
        prefetch(S);
        const uint32_t wbuf = SP_W(buf), xbuf = SP_X(buf);
        if (++buf == NBUF) buf = 0;
        (void)xt_cfg(XT_CFG_BLK_ZERO, c == 0);
        (void)xt_cfg(XT_CFG_BLK_K, C - k0 >= KC ? KC / 16 : (C - k0 + 15) / 16);
        if (ternary) (void)xt_mma_blk(xbuf, wbuf, SP_YT);
        else (void)xt_mma_blk(wbuf, xbuf, SP_Y);
      }
      if (ternary && V == 1) {
        (void)xt_dma_st(&dYt, 0, rb * RB, SP_YT);
        continue;
      }
      if (ternary) /* Y^T tile t ([vector][row]) -> Y rows 16 t.. ([row][vector]) */
        for (uint32_t t = 0; t < tiles; ++t) {
          xt_tld_w(0, SP_YT + 64u * t, 64u * tiles);
          xt_tr(0, 0);
          xt_tst_w(0, SP_Y + t * 16u * 64u, 64);
        }
      (void)xt_dma_st(&dY, rb * RB, 0, SP_Y);
      continue;
    }
    const uint32_t tiles = wl_min(RB / 16, wl_cdiv(R - rb * RB, 16));
    FILL_T(0) FILL_T(1) FILL_T(2) FILL_T(3)
    if (big) { FILL_T(4) FILL_T(5) FILL_T(6) FILL_T(7) FILL_T(8) FILL_T(9) FILL_T(10) FILL_T(11) FILL_T(12) FILL_T(13) FILL_T(14) FILL_T(15) }
    for (uint32_t c = 0, k0 = 0; c < chunks; ++c, k0 += KC) {
      prefetch(S);
      const uint32_t wbuf = SP_W(buf), xbuf = SP_X(buf);
      if (++buf == NBUF) buf = 0;
      const uint32_t ksteps = C - k0 >= KC ? KC / 16 : (C - k0 + 15) / 16;
      if (big) {
        if (ternary) chunk_t2_16(wbuf, xbuf, ksteps, tiles);
        else chunk_i8_16(wbuf, xbuf, ksteps, tiles);
      } else {
        if (ternary) chunk_t2_4(wbuf, xbuf, ksteps, tiles);
        else chunk_i8_4(wbuf, xbuf, ksteps, tiles);
      }
    }
    STORE_T(0) STORE_T(1) STORE_T(2) STORE_T(3)
    if (big) { STORE_T(4) STORE_T(5) STORE_T(6) STORE_T(7) STORE_T(8) STORE_T(9) STORE_T(10) STORE_T(11) STORE_T(12) STORE_T(13) STORE_T(14) STORE_T(15) }
    (void)xt_dma_st(&dY, rb * RB, 0, SP_Y);
  }
#undef pf
#undef dW
#undef dX
  xt_fence();
  tilesim_barrier();
  return 0;
}
