/* The GEMM's block loop, instantiated by gemm.c once per block size (C has no templates):
     GEMM_BT   tiles per block side (4: 64x64 blocks, 2: 32x32 blocks)
     GEMM_FN   the function's name
     GEMM_S4   defined: the int4 instance (xt.mma.s4; operands are byte rows of packed int4, so
               the byte-oriented loops are the int8 ones and K counts bytes)
   Tile registers: BT*BT accumulators tr0.., then two operand sets of BT A tiles and BT B tiles
   (set 0: A at ACC, B at ACC + 2 BT; set 1: A at ACC + BT, B at ACC + 3 BT), 4 BT + BT^2 in all
   (32 for BT 4, 12 for BT 2). Tile numbers must be constants, hence the macros. */
#define BT GEMM_BT
#define ACC (BT * BT)
#define SA0 (ACC)
#define SA1 (ACC + BT)
#define SB0 (ACC + 2 * BT)
#define SB1 (ACC + 3 * BT)

#ifdef GEMM_S4
#define MMA1(i, j, a, bb) xt_mma_s4(BT * (i) + (j), a, (bb) + (j))
#else
#define MMA1(i, j, a, bb) \
  do { if (ternary) xt_mma_t2(BT * (i) + (j), a, (bb) + (j)); else xt_mma_ss(BT * (i) + (j), a, (bb) + (j)); } while (0)
#endif
#define MMA_ROW(i, a, bb)                                                  \
  do {                                                                   \
    MMA1(i, 0, a, bb); MMA1(i, 1, a, bb);                                \
    if (BT > 2) { MMA1(i, 2, a, bb); MMA1(i, 3, a, bb); }                \
  } while (0)

/* Loads of operand pair i (A row-tile i, B column-tile i) of k step `kstep` into tr(ab+i), tr(bb+i). */
#define LOAD_PAIR(i, ab, bb, kstep)                                                      \
  do {                                                                                   \
    xt_tld_b(ab + (i), abuf + (kstep) * 16u + (i) * 4096u, KC);                         \
    if (ternary) xt_tld_t2(bb + (i), bbuf + (kstep) * b_kbytes + (i) * b_tile, b_pitch); \
    else xt_tld_b(bb + (i), bbuf + (kstep) * b_kbytes + (i) * b_tile, b_pitch);         \
  } while (0)

/* One k step on a full block with operands in (ab, bb), software-pipelined: the loads of the
   next step (into nab, nbb) are interleaved with this step's MMAs, so they enter the command
   queue early and the MAC array never waits for them. */
#define KSTEP_FULL(ab, bb, nab, nbb)                                           \
  do {                                                                         \
    const int more = ks + 1 < ksteps;                                          \
    MMA_ROW(0, ab + 0, bb); if (more) LOAD_PAIR(0, nab, nbb, ks + 1);          \
    MMA_ROW(1, ab + 1, bb); if (more) LOAD_PAIR(1, nab, nbb, ks + 1);          \
    if (BT > 2) {                                                              \
      MMA_ROW(2, ab + 2, bb); if (more) LOAD_PAIR(2, nab, nbb, ks + 1);        \
      MMA_ROW(3, ab + 3, bb); if (more) LOAD_PAIR(3, nab, nbb, ks + 1);        \
    }                                                                          \
  } while (0)

/* Edge blocks: tiles outside the matrix are neither loaded nor multiplied. */
#define G_MMA(i, j, ab, bb) do { if ((i) < mt && (j) < nt) MMA1(i, j, ab + (i), bb); } while (0)
#define G_LD(i, ab, bb)                                                                  \
  do {                                                                                   \
    if ((i) < mt) xt_tld_b(ab + (i), abuf + ks * 16u + (i) * 4096u, KC);                \
    if ((i) < nt) {                                                                      \
      if (ternary) xt_tld_t2(bb + (i), bbuf + ks * b_kbytes + (i) * b_tile, b_pitch);   \
      else xt_tld_b(bb + (i), bbuf + ks * b_kbytes + (i) * b_tile, b_pitch);            \
    }                                                                                    \
  } while (0)
#define G_MMA_ROW(i, ab, bb) \
  do { G_MMA(i, 0, ab, bb); G_MMA(i, 1, ab, bb); if (BT > 2) { G_MMA(i, 2, ab, bb); G_MMA(i, 3, ab, bb); } } while (0)
#define KSTEP_EDGE(ab, bb)                                                              \
  do {                                                                                  \
    G_LD(0, ab, bb); G_LD(1, ab, bb); if (BT > 2) { G_LD(2, ab, bb); G_LD(3, ab, bb); } \
    G_MMA_ROW(0, ab, bb); G_MMA_ROW(1, ab, bb);                                         \
    if (BT > 2) { G_MMA_ROW(2, ab, bb); G_MMA_ROW(3, ab, bb); }                         \
  } while (0)

/* Accumulator (i, j) -> the C buffer: requantized int8 (through the free operand tile SA0) or int32. */
#define EPI_TILE(i, j)                                                                     \
  do {                                                                                     \
    if ((i) < mt && (j) < nt) {                                                            \
      if (out8) {                                                                          \
        xt_quant(SA0, BT * (i) + (j), scale);                                              \
        xt_tst_b(SA0, cbuf + (i) * 16u * (16u * BT) + (j) * 16u, 16u * BT);                \
      } else {                                                                             \
        xt_tst_w(BT * (i) + (j), cbuf + (i) * 16u * (64u * BT) + (j) * 64u, 64u * BT);     \
      }                                                                                    \
    }                                                                                      \
  } while (0)
#define EPI_ROW(i) do { EPI_TILE(i, 0); EPI_TILE(i, 1); if (BT > 2) { EPI_TILE(i, 2); EPI_TILE(i, 3); } } while (0)

__attribute__((noinline)) static void GEMM_FN(gemm_state* S, uint32_t M, uint32_t N, uint32_t K, int ternary, int out8, int32_t scale) {
  const typeof(S->g) g = S->g;  /* the schedule (read-only here: a copy the compiler keeps in registers) */
  const uint32_t bm = 16 * BT, chunks = g.chunks;
  const uint32_t b_pitch = ternary ? KC / 4 : KC;    /* scratchpad row pitch of a B slab */
  const uint32_t b_kbytes = ternary ? 4 : 16;        /* bytes of one 16-wide k step in a B row */
  const uint32_t b_tile = 16 * b_pitch;              /* 16 rows of a B slab */
  uint32_t buf = 0, mb = g.mb0, nb = g.nb0;
  for (uint32_t block = 0; block < g.b1 - g.b0; ++block) {  /* this core's range of blocks */
      const uint32_t row = mb, m0 = mb * bm, n0 = nb * bm;
      if (++nb == g.nblocks) {
        nb = 0;
        ++mb;
      }
      const uint32_t mt = wl_min(BT, wl_cdiv(M - m0, 16)), nt = wl_min(BT, wl_cdiv(N - n0, 16));
      const int full = mt == BT && nt == BT;
      xt_fill(0, 0); xt_fill(1, 0); xt_fill(2, 0); xt_fill(3, 0);
      if (BT > 2) {
        xt_fill(4, 0); xt_fill(5, 0); xt_fill(6, 0); xt_fill(7, 0); xt_fill(8, 0); xt_fill(9, 0);
        xt_fill(10, 0); xt_fill(11, 0); xt_fill(12, 0); xt_fill(13, 0); xt_fill(14, 0); xt_fill(15, 0);
      }
      for (uint32_t c = 0, k0 = 0; c < chunks; ++c, k0 += KC) {
        prefetch(S);
        const uint32_t abuf = a_slab(S, row, c, buf), bbuf = g.spb + buf * g.slab;
        if (++buf == NBUF) buf = 0;
        const uint32_t ksteps = K - k0 >= KC ? KC / 16 : (K - k0 + 15) / 16;
        uint32_t ks = 0;
        if (full) {
          LOAD_PAIR(0, SA0, SB0, 0); LOAD_PAIR(1, SA0, SB0, 0);
          if (BT > 2) { LOAD_PAIR(2, SA0, SB0, 0); LOAD_PAIR(3, SA0, SB0, 0); }
          for (;;) {
            KSTEP_FULL(SA0, SB0, SA1, SB1);
            if (++ks >= ksteps) break;
            KSTEP_FULL(SA1, SB1, SA0, SB0);
            if (++ks >= ksteps) break;
          }
        } else {
          for (; ks < ksteps; ++ks) {
            if (ks & 1) KSTEP_EDGE(SA1, SB1);
            else KSTEP_EDGE(SA0, SB0);
          }
        }
      }
      /* Epilogue: accumulators -> scratchpad (double-buffered) -> DRAM. */
      const uint32_t cbuf = g.spc + (block & 1) * g.slab;
      EPI_ROW(0); EPI_ROW(1);
      if (BT > 2) { EPI_ROW(2); EPI_ROW(3); }
      (void)xt_dma_st(&S->dC, m0, n0, cbuf);
    }
}

#undef BT
#undef ACC
#undef SA0
#undef SA1
#undef SB0
#undef SB1
#undef MMA1
#undef MMA_ROW
#undef LOAD_PAIR
#undef KSTEP_FULL
#undef G_MMA
#undef G_LD
#undef G_MMA_ROW
#undef KSTEP_EDGE
#undef EPI_TILE
#undef EPI_ROW
