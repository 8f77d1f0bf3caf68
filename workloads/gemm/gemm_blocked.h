/* GEMM with xt.mma.blk (the block MMA): the schedule for chips whose MAC arrays outrun a core
   issuing one tile instruction per cycle (several engines, or arrays larger than a tile).
   Per core, C blocks of TM x TN tiles accumulate in the scratchpad (int32); K goes in chunks of
   KCB bytes: a chunk's A slab (TM*16 rows) and B slab (TN*16 rows) are DMAed into one of two or
   three buffers (plan_blocked) one or two chunks ahead of its block MMA, and one xt.mma.blk per chunk does all its
   TM x TN x (KCB/16) tile MMAs. Edge blocks shrink BLK_M / BLK_N to the tiles inside the matrix;
   the K tail is zero-filled by the DMA up to a whole k step. Epilogue: int32 C goes to DRAM by
   one DMA store from the C region; requantized C goes through the tiles (xt.tld.w, xt.quant,
   xt.tst.b) to an int8 buffer first. The blocks split over the cores like the tile schedule's
   (contiguous balanced ranges, row-major). Included by kernel.c (its gemm_state, KC, GEMM_INT4). */

/* The largest blocking that fits: C (TM x TN KiB) in the accumulator SRAM when the chip has
   one that holds it (scratchpad.acc_kib: then C costs the tile ports nothing), else in the
   scratchpad; NBUF x (A + B slabs) (three buffers where they fit, so a slab has two chunks' time
   to arrive, else two); the int8 output buffer of requant. Larger C blocks need less DRAM/L2
   traffic per MAC; longer chunks amortize C's read and write per block MMA. */
static int plan_blocked(uint32_t spad, uint32_t acc, int ternary, int out8, uint32_t* tm, uint32_t* tn, uint32_t* kcb,
                        uint32_t* nbuf, int* c_in_acc) {
  static const uint16_t plans[][3] = {{16, 16, 256}, {16, 16, 128}, {8, 16, 256}, {8, 16, 128}, {8, 8, 256}, {8, 8, 128},
                                      {4, 8, 256},   {4, 4, 256},   {4, 4, 128},  {2, 2, 128}};
  for (uint32_t nb = 3; nb >= 2; --nb)
    for (unsigned i = 0; i < sizeof plans / sizeof plans[0]; ++i) {
      const uint32_t m = plans[i][0], n = plans[i][1], k = plans[i][2], cbytes = m * n * 1024;
      const int in_acc = cbytes <= acc;
      const uint32_t bytes = (in_acc ? 0 : cbytes) + nb * (m * 16 * k + n * 16 * (ternary ? k / 4 : k)) + (out8 ? m * n * 256 : 0);
      if (bytes <= spad && (nb == 2 || m * n >= 64)) { /* three buffers only for big blocks */
        *tm = m;
        *tn = n;
        *kcb = k;
        *nbuf = nb;
        *c_in_acc = in_acc;
        return 1;
      }
    }
  return 0;
}

__attribute__((noinline)) static void gemm_blocked(gemm_state* S, uint32_t M, uint32_t N, uint32_t K, uint32_t A, uint32_t B,
                                                   uint32_t C, int ternary, int out8, int32_t scale, uint32_t tm, uint32_t tn,
                                                   uint32_t kcb, uint32_t nbuf, uint32_t acc_base) {
  const uint32_t bm = 16 * tm, bn = 16 * tn, nq = xt_cfgr(XT_INFO_DMA_QUEUES);
  const uint32_t b_kc = ternary ? kcb / 4 : kcb;                 /* bytes of a B slab row */
  const uint32_t b_cols = ternary ? (K + 3) / 4 : K;             /* bytes of a B row in DRAM */
  const uint32_t a_slab = bm * kcb, b_slab = bn * b_kc;
  /* C at acc_base (the accumulator SRAM), or first in the scratchpad (acc_base ~0) */
  const uint32_t sp_c = acc_base != ~0u ? acc_base : 0, sp_a = acc_base != ~0u ? 0 : tm * tn * 1024;
  const uint32_t sp_b = sp_a + nbuf * a_slab, sp_q = sp_b + nbuf * b_slab;
  xt_dma_desc* const dA = S->dA;  /* halves of an A slab on queues 0, 1; B on 2, 3 */
  xt_dma_desc* const dB = S->dB;
  for (uint32_t q = 0; q < 2; ++q) {
    wl_desc(&dA[q], A, M, K, K, bm / 2, kcb, 1, 1, wl_queue(q, nq), kcb);
    wl_desc(&dB[q], B, N, b_cols, b_cols, bn / 2, b_kc, 1, 1, wl_queue(2u + q, nq), b_kc);
  }
  if (out8) wl_desc(&S->dC, C, M, N, N, bm, bn, 1, 1, 0, bn);
  else wl_desc(&S->dC, C, M, N, 4 * N, bm, bn, 4, 1, 0, 4 * bn);
  const uint32_t nblocks = wl_cdiv(N, bn), chunks = wl_cdiv(K, kcb);
  uint32_t b0, b1;
  tilesim_split(wl_cdiv(M, bm) * nblocks, tilesim_core(), tilesim_cores(), &b0, &b1);
#ifdef GEMM_INT4
  (void)xt_cfg(XT_CFG_BLK_FMT, XT_FMT_S4);
#else
  (void)xt_cfg(XT_CFG_BLK_FMT, ternary ? XT_FMT_T2 : XT_FMT_SS);
#endif
  (void)xt_cfg(XT_CFG_BLK_PA, kcb);
  (void)xt_cfg(XT_CFG_BLK_PB, b_kc);
  (void)xt_cfg(XT_CFG_BLK_PC, 64 * tn);
  /* The stages (block, chunk) of this core in order; stage s + 1's slabs load while s computes. */
  wl_cursor ld = {b0 / nblocks, b0 % nblocks, 0, 0}; /* the load cursor */
  uint32_t left = (b1 - b0) * chunks;
#define LOAD_STAGE()                                                                                   \
  do {                                                                                                 \
    if (left) {                                                                                        \
      --left;                                                                                          \
      const uint32_t k0 = ld.c * kcb, a = sp_a + ld.buf * a_slab, bb = sp_b + ld.buf * b_slab;         \
      (void)xt_dma_ld(&dA[0], ld.mb * bm, k0, a);                                                      \
      (void)xt_dma_ld(&dA[1], ld.mb * bm + bm / 2, k0, a + (bm / 2) * kcb);                            \
      (void)xt_dma_ld(&dB[0], ld.nb * bn, ternary ? k0 / 4 : k0, bb);                                  \
      (void)xt_dma_ld(&dB[1], ld.nb * bn + bn / 2, ternary ? k0 / 4 : k0, bb + (bn / 2) * b_kc);       \
      wl_cursor_next(&ld, nbuf, chunks, nblocks);                                                      \
    }                                                                                                  \
  } while (0)
  for (uint32_t p = 0; p + 1 < nbuf; ++p) LOAD_STAGE(); /* nbuf - 1 stages ahead */
  uint32_t buf = 0, mb = b0 / nblocks, nb = b0 % nblocks;
  for (uint32_t blk = b0; blk < b1; ++blk) {
    const uint32_t m0 = mb * bm, n0 = nb * bn;
    if (++nb == nblocks) {
      nb = 0;
      ++mb;
    }
    const uint32_t mt = wl_min(tm, wl_cdiv(M - m0, 16)), nt = wl_min(tn, wl_cdiv(N - n0, 16));
    (void)xt_cfg(XT_CFG_BLK_M, mt);
    (void)xt_cfg(XT_CFG_BLK_N, nt);
    for (uint32_t c = 0, k0 = 0; c < chunks; ++c, k0 += kcb) {
      LOAD_STAGE();
      (void)xt_cfg(XT_CFG_BLK_ZERO, c == 0);
      (void)xt_cfg(XT_CFG_BLK_K, K - k0 >= kcb ? kcb / 16 : wl_cdiv(K - k0, 16));
      (void)xt_mma_blk(sp_a + buf * a_slab, sp_b + buf * b_slab, sp_c);
      if (++buf == nbuf) buf = 0;
    }
    if (out8) { /* requantize tile by tile into the int8 buffer (tr0: C tile, tr1: int8) */
      for (uint32_t i = 0; i < mt; ++i)
        for (uint32_t j = 0; j < nt; ++j) {
          xt_tld_w(0, sp_c + i * 16 * 64 * tn + j * 64, 64 * tn);
          xt_quant(1, 0, scale);
          xt_tst_b(1, sp_q + i * 16 * bn + j * 16, bn);
        }
      (void)xt_dma_st(&S->dC, m0, n0, sp_q);
    } else {
      (void)xt_dma_st(&S->dC, m0, n0, sp_c);
    }
  }
#undef LOAD_STAGE
}
