/* BitNet's schedule for chips whose MAC arrays outrun tile-by-tile issue (wl_block_mma_pays:
   many engines per core, or arrays larger than a tile), e.g. h100-scale. The tile schedule's
   unit of work - 16 tokens x 64 outputs, each core quantizing the token blocks it touches -
   re-reads X and W per pair: on h100-scale it moved 32x the compulsory bytes and was bound by the
   L2's bandwidth. Here a layer runs in two phases, each split over all cores:

   1. Quantize. Items (token block, column range): R ranges per 16-token block, R = cores /
      token blocks (at least 1, at most the 256-column chunks). Step 1: each item's row absmax
      over its range (xt.ramax from 0, as the tile schedule) goes to DRAM as one tile, slot r of
      its token block in the absmax scratch. Fence, barrier. Step 2: each item combines its token
      block's R partial tiles (xt.max: the max over ranges is the max over the row), derives the
      scale exactly as the tile schedule (all-zero token: 1; rcp; x 127), quantizes its range into
      Xq; range 0 also stores the absmax tile in the token block's last slot for the epilogue.
      Fence, barrier. Quantized bytes do not depend on the split: the same ops on the same values.
      A core with a single item keeps its X chunks in the scratchpad between the two steps.
   2. GEMM + epilogue. Per core, C blocks of TM x TN tiles (token tiles x output tiles) in the
      accumulator SRAM (two, alternating, where they fit, so a block's store overlaps the next
      block's MMAs), K in chunks of 256 inputs: the chunk's Xq slab (16 TM rows) and W slab (16 TN
      rows, 64 bytes each) in one of 3..8 buffers (as many as fit), that many minus one stages
      ahead of its xt.mma.blk. The epilogue runs on the C tiles in place (xt.mulq by the token tile's absmax, xt.mulq.x by K,
      ReLU in the MLP's first layer) and one DMA stores the block. The absmax tiles of a block's
      token tiles are loaded when the block starts. Blocks go row-major in contiguous balanced
      ranges, so the two cores of a multicast cluster mostly share their Xq slabs.
      TM x TN is the plan with the fewest link bytes for the busiest core: rounds (blocks per
      core) x (16 TM + 4 TN) bytes per input, ties to less total traffic.
   Each output element is one core's block, summed over K in order: Y is bit-identical for every
   core count and equals the tile schedule's. Included by kernel.c (its state, KC, ACH, AMAX_T). */

#define BQ_SLOTS(I) (wl_cdiv(I, ACH) + 1) /* absmax scratch: partial tiles of each range, then the absmax */

typedef struct {
  uint32_t tm, tn, nbuf, cbufs, c_in_acc;
} bitnet_plan;

/* Scratchpad of the GEMM phase: A (Xq) slabs, B (W) slabs, the block's absmax tiles, then C
   (unless in the accumulator SRAM). */
#define BB_A(p) (0u)
#define BB_B(p) (BB_A(p) + (p)->nbuf * (p)->tm * 16u * KC)
#define BB_AMAX(p) (BB_B(p) + (p)->nbuf * (p)->tn * 16u * (KC / 4))
#define BB_END(p) (BB_AMAX(p) + (p)->tm * 1024u)

/* ceil(n / d) by a multiply with inv = 2^32 / d (rounded down) and a fix-up: the plan below
   weighs up to 25 candidates, and as many divides (34 cycles each) showed before the first DMA. */
static inline uint32_t bn_cdiv_inv(uint32_t n, uint32_t d, uint32_t inv) {
  uint32_t q = (uint32_t)(((uint64_t)n * inv) >> 32);
  while (q * d < n) ++q;
  while (q && (q - 1) * d >= n) --q;
  return q;
}

static int bitnet_plan_blocks(uint32_t T, uint32_t O, uint32_t cores, uint32_t spad, uint32_t acc, bitnet_plan* best) {
  static const uint8_t sizes[] = {16, 8, 4, 2, 1}, shift[] = {4, 3, 2, 1, 0};
  const uint32_t mtiles = (T + 15) >> 4, ntiles = (O + 15) >> 4, inv = 0xFFFFFFFFu / cores;
  uint32_t mb[5], nb[5], best_cost = ~0u, best_total = ~0u;
  for (unsigned a = 0; a < 5; ++a) {
    mb[a] = (mtiles + sizes[a] - 1) >> shift[a];
    nb[a] = (ntiles + sizes[a] - 1) >> shift[a];
  }
  for (unsigned a = 0; a < 5; ++a) {
    if (a && mtiles < sizes[a - 1]) continue; /* clipped to a plan already weighed */
    const uint32_t tm = wl_min(sizes[a], mtiles);
    for (unsigned b = 0; b < 5; ++b) {
      if (b && ntiles < sizes[b - 1]) continue;
      const uint32_t tn = wl_min(sizes[b], ntiles), blocks = mb[a] * nb[b], per_k = 16u * tm + 4u * tn;
      const uint32_t cost = bn_cdiv_inv(blocks, cores, inv) * per_k, total = blocks * per_k;
      if (cost > best_cost || (cost == best_cost && total >= best_total)) continue;
      bitnet_plan p = {tm, tn, 3, 1, 0};
      const uint32_t cbytes = tm * tn * 1024u;
      p.c_in_acc = cbytes <= acc;
      p.cbufs = 2u * cbytes <= (p.c_in_acc ? acc : spad) ? 2 : 1;
      if (BB_END(&p) + (p.c_in_acc ? 0 : p.cbufs * cbytes) > spad) continue;
      best_cost = cost;
      best_total = total;
      *best = p;
    }
  }
  if (best_cost == ~0u) return 0;
  /* Deeper buffering where the slabs are small (few token tiles: decode): a stage's W slab
     comes from HBM (~800 cycles away) while its MMA takes tens of cycles, so three buffers
     left the core waiting on latency; up to 8 while they fit. */
  const uint32_t c_spad = best->c_in_acc ? 0 : best->cbufs * best->tm * best->tn * 1024u;
  while (best->nbuf < 8) {
    ++best->nbuf;
    if (BB_END(best) + c_spad > spad) {
      --best->nbuf;
      break;
    }
  }
  return 1;
}

/* Phase 1 (see above): X (T x I int32) -> Xq (int8) and the absmax tiles in P; the GEMM's plan.
   (Both phases noinline: edits here leave the tile schedule's code in layer() as it was.) */
/* The GEMM phase's plan (O outputs) is weighed while the first X chunk is on its way: ~25
   candidates cost the core ~1,500 cycles, which would otherwise come before any transfer. */
__attribute__((noinline)) static int bitnet_quantize_split(uint32_t T, uint32_t I, uint32_t O, uint32_t P, bitnet_plan* plan) { /* X and Xq: dX, dXq */
  int planned = 0, ok = 0;
#define BN_PLAN()                                                                                                     \
  do {                                                                                                                \
    if (!planned) {                                                                                                   \
      planned = 1;                                                                                                    \
      ok = bitnet_plan_blocks(T, O, tilesim_cores(), xt_cfgr(XT_INFO_SPAD_KIB) * 1024u, xt_cfgr(XT_INFO_ACC_KIB) * 1024u, plan); \
    }                                                                                                                 \
  } while (0)
  const uint32_t nq = xt_cfgr(XT_INFO_DMA_QUEUES), chunks = wl_cdiv(I, ACH), tblocks = wl_cdiv(T, 16), S = BQ_SLOTS(I);
  const uint32_t cores = tilesim_cores(), R = wl_min(chunks, cores > tblocks ? cores / tblocks : 1);
  /* P as rows of one tile (1 KiB = 256 int32): row tb * S + slot */
  wl_desc(&dP, P, tblocks * S, 256, 1024, 1, 256, 4, 1, wl_queue(3, nq), 1024);
  uint32_t i0, i1;
  tilesim_split(tblocks * R, tilesim_core(), tilesim_cores(), &i0, &i1);
  /* Scratchpad: nx X chunk buffers (16 x 256 int32 each), two int8 buffers, the partial tiles.
     A core with one item whose chunks all fit keeps them resident: step 0 issues every chunk's
     DMA at once and step 1 quantizes what is already there (no second read of X, no latency);
     else two buffers stream the chunks in both steps. */
  uint32_t nx = 2, resident = 0;
  if (i1 == i0 + 1) {
    uint32_t c0, c1;
    tilesim_split(chunks, i0 - (i0 / R) * R, R, &c0, &c1);
    const uint32_t spad = xt_cfgr(XT_INFO_SPAD_KIB) * 1024u, fixed = 8192u + (S + 1) * 1024u;
    if (c1 - c0 > 2 && fixed + (c1 - c0) * 16384u <= spad) nx = c1 - c0;
    resident = c1 - c0 <= nx;
  }
#define BQ_X(b) ((b) * 16384u)
#define BQ_XQ(b) (nx * 16384u + (b) * 4096u)
#define BQ_PT(r) (nx * 16384u + 8192u + (r) * 1024u)
  for (uint32_t step = 0; step < 2; ++step) {
    for (uint32_t it = i0; it < i1; ++it) {
      const uint32_t tb = it / R, r = it - tb * R, t0 = tb * 16;
      uint32_t c0, c1;
      tilesim_split(chunks, r, R, &c0, &c1);
      const int load = !(resident && step == 1);
      if (load) (void)xt_dma_ld(&dX, t0, c0 * ACH, BQ_X(0));
      if (resident && step == 0)
        for (uint32_t c = c0 + 1; c < c1; ++c) (void)xt_dma_ld(&dX, t0, c * ACH, BQ_X(c - c0));
      BN_PLAN();
      if (step == 0) {
        xt_fill(1, 0);
      } else { /* absmax over the ranges, then the scale (as quantize_block) */
        dP.box = XT_BOX(R, 256);
        (void)xt_dma_ld(&dP, tb * S, 0, BQ_PT(0));
        dP.box = XT_BOX(1, 256);
        xt_tld_w(1, BQ_PT(0), 64);
        for (uint32_t q = 1; q < R; ++q) {
          xt_tld_w(3, BQ_PT(q), 64);
          xt_max(1, 1, 3);
        }
        xt_max_x(1, 1, 1);
        xt_rcp(2, 1);
        xt_mul_x(2, 2, 127);
      }
      for (uint32_t c = c0; c < c1; ++c) {
        const uint32_t k = c - c0, xa = BQ_X(resident ? k : k & 1), xq = BQ_XQ(k & 1);
        if (!resident && c + 1 < c1) (void)xt_dma_ld(&dX, t0, (c + 1) * ACH, BQ_X((k & 1) ^ 1));
        const uint32_t tiles = wl_min(ACH / 16, wl_cdiv(I - c * ACH, 16));
        for (uint32_t j = 0; j < tiles; ++j) {
          if (step == 0) AMAX_T(j);
          else QUANT_T(j);
        }
        if (step == 1) (void)xt_dma_st(&dXq, t0, c * ACH, xq);
      }
      if (step == 0 || r == 0) { /* step 0: this range's partial; step 1: the absmax, for the epilogue */
        xt_tst_w(1, BQ_PT(it & 1), 64);
        (void)xt_dma_st(&dP, tb * S + (step == 0 ? r : S - 1), 0, BQ_PT(it & 1));
      }
    }
    BN_PLAN(); /* a core without items */
    xt_fence();
    tilesim_barrier();
  }
#undef BQ_X
#undef BQ_XQ
#undef BQ_PT
#undef BN_PLAN
  return ok;
}

/* Phase 2 (see above): Y = epilogue(Xq x W^T), block by block. */
__attribute__((noinline)) static void bitnet_gemm_blocked(const bitnet_plan* p, uint32_t T, uint32_t I, uint32_t O, uint32_t Xq, uint32_t W, uint32_t K,
                                uint32_t Y, uint32_t P, int relu) {
  const uint32_t nq = xt_cfgr(XT_INFO_DMA_QUEUES), tm = p->tm, tn = p->tn, bm = 16 * tm, bn = 16 * tn, wrow = (I + 3) / 4;
  const uint32_t a_slab = bm * KC, b_slab = bn * (KC / 4), cbytes = tm * tn * 1024u, S = BQ_SLOTS(I);
  const uint32_t sp_c = p->c_in_acc ? xt_cfgr(XT_INFO_SPAD_KIB) * 1024u : BB_END(p);
  for (uint32_t q = 0; q < 2; ++q) { /* halves of a slab: Xq on queues 0, 1; W on 2, 3 */
    wl_desc(&CS->dA[q], Xq, T, I, I, bm > 16 ? bm / 2 : bm, KC, 1, 1, wl_queue(q, nq), KC);
    wl_desc(&CS->dB[q], W, O, wrow, wrow, bn > 16 ? bn / 2 : bn, KC / 4, 1, 1, wl_queue(2u + q, nq), KC / 4);
  }
  const uint32_t halves_a = bm > 16 ? 2 : 1, halves_b = bn > 16 ? 2 : 1;
  wl_desc(&dY, Y, T, O, 4 * O, bm, bn, 4, 1, wl_queue(1, nq), 64 * tn);
  /* the absmax tile of each token tile of a block: P's rows tb * S + S - 1 */
  xt_dma_desc dAm;
  wl_desc(&dAm, P + (S - 1) * 1024u, wl_cdiv(T, 16), 256, S * 1024u, tm, 256, 4, 1, wl_queue(2, nq), 1024);
  const uint32_t nblocks = wl_cdiv(O, bn), chunks = wl_cdiv(I, KC);
  uint32_t b0, b1;
  tilesim_split(wl_cdiv(T, bm) * nblocks, tilesim_core(), tilesim_cores(), &b0, &b1);
  (void)xt_cfg(XT_CFG_BLK_FMT, XT_FMT_T2);
  (void)xt_cfg(XT_CFG_BLK_PA, KC);
  (void)xt_cfg(XT_CFG_BLK_PB, KC / 4);
  (void)xt_cfg(XT_CFG_BLK_PC, 64 * tn);
  wl_cursor ld = {b0 / nblocks, 0, 0, 0};
  ld.nb = b0 - ld.mb * nblocks;
  uint32_t left = (b1 - b0) * chunks;
#define BN_LOAD_STAGE()                                                                                       \
  do {                                                                                                        \
    if (left) {                                                                                               \
      --left;                                                                                                 \
      const uint32_t k0 = ld.c * KC, a = BB_A(p) + ld.buf * a_slab, bb = BB_B(p) + ld.buf * b_slab;           \
      for (uint32_t h = 0; h < halves_a; ++h) (void)xt_dma_ld(&CS->dA[h], ld.mb * bm + h * (bm / 2), k0, a + h * (bm / 2) * KC); \
      for (uint32_t h = 0; h < halves_b; ++h)                                                                 \
        (void)xt_dma_ld(&CS->dB[h], ld.nb * bn + h * (bn / 2), k0 / 4, bb + h * (bn / 2) * (KC / 4));         \
      wl_cursor_next(&ld, p->nbuf, chunks, nblocks);                                                          \
    }                                                                                                         \
  } while (0)
  for (uint32_t s = 0; s + 1 < p->nbuf; ++s) BN_LOAD_STAGE();
  uint32_t buf = 0, mb = b0 / nblocks, nb = b0 - mb * nblocks, cb = 0;
  for (uint32_t blk = b0; blk < b1; ++blk) {
    const uint32_t m0 = mb * bm, n0 = nb * bn, c = sp_c + cb * cbytes;
    if (++nb == nblocks) {
      nb = 0;
      ++mb;
    }
    const uint32_t mt = wl_min(tm, wl_cdiv(T - m0, 16)), nt = wl_min(tn, wl_cdiv(O - n0, 16));
    (void)xt_dma_ld(&dAm, m0 / 16, 0, BB_AMAX(p));
    (void)xt_cfg(XT_CFG_BLK_M, mt);
    (void)xt_cfg(XT_CFG_BLK_N, nt);
    for (uint32_t ch = 0, k0 = 0; ch < chunks; ++ch, k0 += KC) {
      BN_LOAD_STAGE();
      (void)xt_cfg(XT_CFG_BLK_ZERO, ch == 0);
      (void)xt_cfg(XT_CFG_BLK_K, wl_min(KC / 16, wl_cdiv(I - k0, 16)));
      (void)xt_mma_blk(BB_A(p) + buf * a_slab, BB_B(p) + buf * b_slab, c);
      if (++buf == p->nbuf) buf = 0;
    }
    for (uint32_t i = 0; i < mt; ++i) { /* the epilogue on C in place (tr5: the token tile's absmax) */
      xt_tld_w(5, BB_AMAX(p) + i * 1024u, 64);
      for (uint32_t j = 0; j < nt; ++j) {
        const uint32_t t = c + i * 16u * 64u * tn + j * 64u;
        xt_tld_w(8, t, 64 * tn);
        xt_mulq(8, 8, 5);   /* acc * a >> 12 */
        xt_mulq_x(8, 8, K); /* * K >> 12 */
        if (relu) xt_max_x(8, 8, 0);
        xt_tst_w(8, t, 64 * tn);
      }
    }
    (void)xt_dma_st(&dY, m0, n0, c);
    if (++cb == p->cbufs) cb = 0;
  }
#undef BN_LOAD_STAGE
}
