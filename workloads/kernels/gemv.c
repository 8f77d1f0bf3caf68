/* GEMV on the tile unit: Y[R][V] = W[R][C] x X[V][C]^T for V = 1..16 vectors (V = 1 is the plain
   y = W x). W int8 or ternary (2-bit codes, rows of ceil(C/4) bytes), X int8, Y int32.
   Args: 0 R, 1 C, 2 V, 3 W, 4 X, 5 Y, 6 dtype (0 int8, 1 ternary).
   The memory-bound case: each W element is used once per vector, so W streams through the
   scratchpad in 256-row x 128-column slabs (three buffers, DMAs spread over all queues) while
   the 16 accumulator tiles (tr0..tr15, 16 rows x 16 vectors each) stay in registers. The X chunk
   of a slab is one tile: vector v in row v (ternary W must be the MMA's second operand, so there
   the accumulators hold Y^T and are transposed before the store). With one vector, 15 of the 16 MMA columns are
   padding: the price of a 16x16 tile on a matrix-vector product, shown as executed vs useful
   MACs in the report. */
#include "wl.h"

#define RB 256                          /* rows per block: 16 accumulator tiles */
#define NBUF 3
/* Columns per slab: 128 for int8 (a 32 KiB slab), 512 for ternary (also 32 KiB): long slabs
   keep the per-slab DMA set-up off the core, which must issue a W tile every 4 cycles. */
#define SP_W(b) ((b) * 32768u)          /* 256 rows x 128 B */
#define SP_X(b) (98304u + (b) * 8192u)  /* 16 x kc B */
#define SP_Y 122880u                    /* 256 x 64 B (16 vectors x int32) */
static uint32_t KC;

static xt_dma_desc dW[4], dX;
static struct { uint32_t rb, c, buf, left; } pf;
static uint32_t g_chunks, g_ternary;

static void prefetch(void) {
  if (!pf.left) return;
  --pf.left;
  const uint32_t k0 = pf.c * KC, wk = g_ternary ? k0 / 4 : k0, wpitch = g_ternary ? KC / 4 : KC;
  for (uint32_t q = 0; q < 4; ++q)  /* a quarter of the slab per DMA queue */
    (void)xt_dma_ld(&dW[q], pf.rb * RB + q * (RB / 4), wk, SP_W(pf.buf) + q * (RB / 4) * wpitch);
  (void)xt_dma_ld(&dX, 0, k0, SP_X(pf.buf));
  if (++pf.buf == NBUF) pf.buf = 0;
  if (++pf.c == g_chunks) {
    pf.c = 0;
    ++pf.rb;
  }
}

/* One k step: X tile into tr16/17, then per row tile t: W tile into tr18..31 (round robin),
   MMA. Full blocks take the lean path (no guards, one pointer bump per tile): with ternary
   weights the MAC array needs a new W tile every 4 cycles, so the core's issue rate matters. */
#define T_I8(t, w) xt_tld_b(w, p, wpitch); p += tstride; xt_mma_ss(t, w, XR);
#define T_T2(t, w) xt_tld_t2(w, p, wpitch); p += tstride; xt_mma_t2(t, XR, w);
#define ALL_TILES(T)                                                                          \
  T(0, 18) T(1, 19) T(2, 20) T(3, 21) T(4, 22) T(5, 23) T(6, 24) T(7, 25) T(8, 26) T(9, 27) \
  T(10, 28) T(11, 29) T(12, 30) T(13, 31) T(14, 18) T(15, 19)
#define G_I8(t, w) if ((t) < tiles) { T_I8(t, w) }
#define G_T2(t, w) if ((t) < tiles) { T_T2(t, w) }

/* ternary is the MMA's second operand: the accumulators then hold [vector][row]. */
#define KSTEP(XR_, TILE)                           \
  do {                                             \
    uint32_t p = wbuf + ks * wstep;                \
    xt_tld_b(XR_, xbuf + ks * 16u, KC);            \
    enum { XR = XR_ };                             \
    ALL_TILES(TILE)                                \
  } while (0)

static void chunk_i8(uint32_t wbuf, uint32_t xbuf, uint32_t ksteps, uint32_t tiles) {
  const uint32_t wpitch = KC, tstride = 16u * KC, wstep = 16;
  if (tiles == 16) {
    for (uint32_t ks = 0; ks < ksteps; ++ks) {
      if (ks & 1) KSTEP(17, T_I8); else KSTEP(16, T_I8);
    }
  } else {
    for (uint32_t ks = 0; ks < ksteps; ++ks) {
      if (ks & 1) KSTEP(17, G_I8); else KSTEP(16, G_I8);
    }
  }
}

static void chunk_t2(uint32_t wbuf, uint32_t xbuf, uint32_t ksteps, uint32_t tiles) {
  const uint32_t wpitch = KC / 4, tstride = 16u * (KC / 4), wstep = 4;
  if (tiles == 16) {
    for (uint32_t ks = 0; ks < ksteps; ++ks) {
      if (ks & 1) KSTEP(17, T_T2); else KSTEP(16, T_T2);
    }
  } else {
    for (uint32_t ks = 0; ks < ksteps; ++ks) {
      if (ks & 1) KSTEP(17, G_T2); else KSTEP(16, G_T2);
    }
  }
}

#define FILL_T(t) xt_fill(t, 0);
#define STORE_T(t)                                        \
  if ((t) < tiles) {                                      \
    if (ternary) xt_tr(t, t); /* [vector][row] -> [row][vector] */ \
    xt_tst_w(t, SP_Y + (t) * 16u * 64u, 64);              \
  }

int main(void) {
  WL_REQUIRE_ARGS();
  const uint32_t R = WL_ARG(0), C = WL_ARG(1), V = WL_ARG(2);
  const uint32_t W = WL_ARG(3), X = WL_ARG(4), Y = WL_ARG(5);
  const int ternary = WL_ARG(6) == 1;
  KC = ternary ? 512 : 128;
  (void)xt_cfg(XT_CFG_SWIZZLE, 1);
  const uint32_t nq = xt_cfgr(XT_INFO_DMA_QUEUES);
  const uint32_t wcols = ternary ? (C + 3) / 4 : C, wpitch = ternary ? KC / 4 : KC;  /* slab row pitch */
  for (uint32_t q = 0; q < 4; ++q) wl_desc(&dW[q], W, R, wcols, wcols, RB / 4, wpitch, 1, 1, q % nq, wpitch);
  wl_desc(&dX, X, V, C, C, 16, KC, 1, 1, 0, KC);
  xt_dma_desc dY;
  wl_desc(&dY, Y, R, V, 4 * V, RB, 16, 4, 1, 1 % nq, 64);
  const uint32_t blocks = wl_cdiv(R, RB), chunks = wl_cdiv(C, KC);
  g_chunks = chunks;
  g_ternary = (uint32_t)ternary;
  pf.left = blocks * chunks;
  for (uint32_t p = 0; p + 1 < NBUF; ++p) prefetch();
  uint32_t buf = 0;
  for (uint32_t rb = 0; rb < blocks; ++rb) {
    const uint32_t tiles = wl_min(16, wl_cdiv(R - rb * RB, 16));
    FILL_T(0) FILL_T(1) FILL_T(2) FILL_T(3) FILL_T(4) FILL_T(5) FILL_T(6) FILL_T(7)
    FILL_T(8) FILL_T(9) FILL_T(10) FILL_T(11) FILL_T(12) FILL_T(13) FILL_T(14) FILL_T(15)
    for (uint32_t c = 0, k0 = 0; c < chunks; ++c, k0 += KC) {
      prefetch();
      const uint32_t wbuf = SP_W(buf), xbuf = SP_X(buf);
      if (++buf == NBUF) buf = 0;
      const uint32_t ksteps = C - k0 >= KC ? KC / 16 : (C - k0 + 15) / 16;
      if (ternary) chunk_t2(wbuf, xbuf, ksteps, tiles);
      else chunk_i8(wbuf, xbuf, ksteps, tiles);
    }
    STORE_T(0) STORE_T(1) STORE_T(2) STORE_T(3) STORE_T(4) STORE_T(5) STORE_T(6) STORE_T(7)
    STORE_T(8) STORE_T(9) STORE_T(10) STORE_T(11) STORE_T(12) STORE_T(13) STORE_T(14) STORE_T(15)
    (void)xt_dma_st(&dY, rb * RB, 0, SP_Y);
  }
  xt_fence();
  return 0;
}
