/* Flash-attention forward on the tile unit, int8 Q/K/V/O [batch][heads][seq][dim], dim 64 or
   128, optional causal mask. Online softmax in fixed point (FRAC 16) on the row/vector unit:
     S     = mulq(Q Kj^T, c)                  logits in the log2 domain, c = log2(e)/sqrt(d) sq sk 2^16
     S     = mask(S)                          causal, diagonal block only (-2^30 above it)
     mn    = max(m, rowmax(S))
     P     = exp2(S - mn);  alpha = exp2(m - mn)
     l     = mulq(l, alpha) + rowsum(P)
     O     = mulq(O, alpha) + u8(P) Vj        u8(P) = round(P * 255 / 2^16), xt.mma.us
     m     = mn
   and at the end O = quant(mulq(O, rcp(l)), out_mul, out_shift) to int8.
   K and V stream through the scratchpad in 256-key chunks (double-buffered); the S tile of the
   next key block is computed while the vector unit works on the current one.
   Arguments: wl_attention_args (wl_args.h).
   Many cores (SPMD): the work items - (batch x head, query block) - split into contiguous
   balanced ranges, one per core (tilesim_split). Causal: a query block's cost grows with its
   index, so on many cores each slice's blocks are taken in the order 0, n-1, 1, n-2, ... (any two
   neighbours cost about the same; a range of them is balanced). Every query block is computed
   whole by one core, in the same key order: O is bit-identical for every core count. The
   globals below hold the same values on every core (they follow from the arguments and the
   chip); the descriptors are per core (CS). */
#include "wl.h"
#include "args.h"

/* The layout depends on the chip (xt.cfgr): with >= 32 tile registers and >= 140 KiB of
   scratchpad, 256-key chunks (K at 4 KiB + 32 KiB b, V at 68 KiB + 32 KiB b, O at 132 KiB);
   on smaller chips (down to 15 registers and 38 KiB, the minimum the host driver enforces) the
   lean schedule below with 64-key chunks (K at 4 KiB + 8 KiB b, V at 20 KiB + 8 KiB b, O at
   36 KiB). Q (16 or 32 rows x D) at 0 either way. */
#define SP_Q 0u
static uint32_t g_kch_shift, g_pf_blk, g_spk, g_spv, g_chunk_bytes, SP_O;
#define SP_K(b) (g_spk + (b) * g_chunk_bytes)
#define SP_V(b) (g_spv + (b) * g_chunk_bytes)

enum { QT = 0, OT = 8, S0 = 16, S1 = 17, PU = 18, M = 19, L = 20, MN = 21, AL = 22, TMP = 23, KT = 24, VT = 26, PAD = 28 };

typedef struct {
  xt_dma_desc dQ, dK, dV, dO;
} attention_state;
TILESIM_PER_CORE(attention_state, CS); /* this core's descriptors */
#define dQ (CS->dQ)
#define dK (CS->dK)
#define dV (CS->dV)
#define dO (CS->dO)
static uint32_t D, DT;

/* S(s) = Q K^T for the key block at kaddr (16 keys x D in the scratchpad, pitch D). */
#define SK(s, t) do { xt_tld_b(KT + ((t) & 1), kaddr + (t) * 16u, D); xt_mma_ss(s, QT + (t), KT + ((t) & 1)); } while (0)
#define S_BLOCK(s)                                   \
  do {                                               \
    xt_fill(s, 0);                                   \
    SK(s, 0); SK(s, 1); SK(s, 2); SK(s, 3);          \
    if (DT > 4) { SK(s, 4); SK(s, 5); SK(s, 6); SK(s, 7); } \
  } while (0)
/* O += u8(P) V for the key block at vaddr: V^T tiles come from transposed loads. */
#define PV(t) do { xt_tld_b_tr(VT + ((t) & 1), vaddr + (t) * 16u, D); xt_mma_us(OT + (t), PU, VT + ((t) & 1)); } while (0)
#define RESCALE(t) xt_mulq(OT + (t), OT + (t), AL)

/* Softmax step on S(s) and the P V update for one key block. */
#define STEP(s)                                                          \
  do {                                                                   \
    xt_mulq_x(s, s, c);                                                  \
    if (causal && k0 == q0) xt_mask(s, s, 0);                            \
    if (k0 + 16 > S) xt_min(s, s, PAD);                                  \
    xt_mov(MN, M);                                                       \
    xt_rmax(MN, s);                                                      \
    xt_sub(s, s, MN);                                                    \
    xt_exp2(s, s);                                                       \
    xt_sub(TMP, M, MN);                                                  \
    xt_exp2(AL, TMP);                                                    \
    xt_mulq(L, L, AL);                                                   \
    xt_rsum(L, s);                                                       \
    xt_quant_u(PU, s, 255);                                              \
    RESCALE(0); RESCALE(1); RESCALE(2); RESCALE(3);                      \
    if (DT > 4) { RESCALE(4); RESCALE(5); RESCALE(6); RESCALE(7); }      \
    PV(0); PV(1); PV(2); PV(3);                                          \
    if (DT > 4) { PV(4); PV(5); PV(6); PV(7); }                          \
    xt_mov(M, MN);                                                       \
  } while (0)

#define LOADQ(t) xt_tld_b(QT + (t), SP_Q + (t) * 16u, D)
#define FINAL(t) do { xt_mulq(OT + (t), OT + (t), TMP); xt_quant(OT + (t), OT + (t), out_mul); xt_tst_b(OT + (t), SP_O + (t) * 16u, D); } while (0)

static uint32_t g_S;
/* Scratchpad addresses of key block j's K and V rows. Chunk c of 2^g_kch_shift keys lives in
   buffer c & 1; chunk 0 is fetched on its first block, chunk c + 1 g_pf_blk blocks into chunk c
   (by then chunk c - 1's readers are done, so the DMA does not wait in the command queue for the
   interlock). Shifts, not divisions: the core's divider is slow. */
static void kv_block(uint32_t j, uint32_t* kaddr, uint32_t* vaddr) {
  const uint32_t k0 = j * 16, chunk = k0 >> g_kch_shift, in_chunk = k0 & ((1u << g_kch_shift) - 1);
  const uint32_t off = in_chunk * D, blk_in_chunk = in_chunk / 16;
  if (j == 0) {
    (void)xt_dma_ld(&dK, 0, 0, SP_K(0));
    (void)xt_dma_ld(&dV, 0, 0, SP_V(0));
  }
  if (blk_in_chunk == g_pf_blk && ((chunk + 1) << g_kch_shift) < g_S) {
    const uint32_t n0 = (chunk + 1) << g_kch_shift;
    (void)xt_dma_ld(&dK, n0, 0, SP_K((chunk + 1) & 1));
    (void)xt_dma_ld(&dV, n0, 0, SP_V((chunk + 1) & 1));
  }
  *kaddr = SP_K(chunk & 1) + off;
  *vaddr = SP_V(chunk & 1) + off;
}


/* Chips whose arrays outrun tile-by-tile issue (as for GEMM): the S tiles of a whole 256-key
   chunk - of one query block, or of both in the paired schedule - come from one xt.mma.blk
   (Q x K_chunk^T: the same MMAs, the same bits) into SP_S, and each key block loads its S tile
   from there instead of computing it with DT dependent MMAs. */
static int g_blk;
#define SP_S (136u * 1024u)
#define S_CHUNK(qblocks, j0)                                                         \
  do {                                                                               \
    (void)xt_cfg(XT_CFG_BLK_M, (qblocks));                                           \
    (void)xt_cfg(XT_CFG_BLK_N, wl_min(16, nblk - (j0)));                             \
    (void)xt_mma_blk(SP_Q, kaddr, SP_S);                                             \
  } while (0)

/* ---- dim 64, S a multiple of 32: two query blocks at a time --------------------------------
   The softmax chains of the two blocks interleave on the vector unit (hiding each other's
   latency) and the S tiles of the next key block are on the MAC array while the vector unit
   works, so the array stays busy. Per block x: Q tiles, O tiles, two S tiles (the u8 P of a block
   is written over its S tile), m, m_new, l, alpha: 14 registers; two blocks and two K and two
   V tiles fill all 32. */
enum { A_Q = 0, A_O = 4, A_S = 8, A_M = 10, A_MN = 11, A_L = 12, A_AL = 13,
       B_Q = 14, B_O = 18, B_S = 22, B_M = 24, B_MN = 25, B_L = 26, B_AL = 27, PK = 28, PV_ = 30 };

#define P_SK(x, s, t) do { xt_tld_b(PK + ((t) & 1), kaddr + (t) * 16u, 64); xt_mma_ss(s, x##_Q + (t), PK + ((t) & 1)); } while (0)
#define P_SBLK(x, s) do { xt_fill(s, 0); P_SK(x, s, 0); P_SK(x, s, 1); P_SK(x, s, 2); P_SK(x, s, 3); } while (0)
#define P_PV(x, s, t) do { xt_mma_us(x##_O + (t), s, PV_ + ((t) & 1)); } while (0)
/* Software pipeline, iteration j (registers: S of block j in slot j & 1):
     softmax of key block j+1 (its S is ready)      -- vector unit, both query blocks interleaved
     P V of key block j                             -- MAC array, interleaved with the above
     O *= alpha(j+1)                                -- vector unit, after P V(j) by dependence
     S of key block j+2 into slot j & 1             -- MAC array, interleaved with the above
   so each unit always has independent work inside the 8-deep command queue. */
#define SM1(x, s, k0_)                                                                         \
  xt_mulq_x(x##_S + s, x##_S + s, c)
#define SMASK(x, s, k0_, qoff)                                                                 \
  if (causal && (k0_) + 15 > q0 + (qoff)) xt_mask(x##_S + s, x##_S + s, (int32_t)(q0 + (qoff) - (k0_)))
#define PVT(s, t)                                                                              \
  do { xt_tld_b_tr(PV_ + ((t) & 1), vaddr + (t) * 16u, 64); P_PV(A, A_S + s, t); P_PV(B, B_S + s, t); } while (0)
#define RESC(t) do { xt_mulq(A_O + (t), A_O + (t), A_AL); xt_mulq(B_O + (t), B_O + (t), B_AL); } while (0)

/* Softmax of the block in slot sn (key offset kn), interleaved with P V of the block in slot sp. */
#define SOFTMAX_PV(sn, kn, sp, do_pv)                                                          \
  do {                                                                                         \
    SM1(A, sn, kn); SM1(B, sn, kn);                                                            \
    SMASK(A, sn, kn, 0); SMASK(B, sn, kn, 16);                                                 \
    if (do_pv) PVT(sp, 0);                                                                     \
    xt_mov(A_MN, A_M); xt_mov(B_MN, B_M);                                                      \
    xt_rmax(A_MN, A_S + sn); xt_rmax(B_MN, B_S + sn);                                          \
    if (do_pv) PVT(sp, 1);                                                                     \
    xt_sub(A_S + sn, A_S + sn, A_MN); xt_sub(B_S + sn, B_S + sn, B_MN);                        \
    xt_exp2(A_S + sn, A_S + sn); xt_exp2(B_S + sn, B_S + sn);                                  \
    if (do_pv) PVT(sp, 2);                                                                     \
    xt_sub(A_AL, A_M, A_MN); xt_sub(B_AL, B_M, B_MN);                                          \
    xt_exp2(A_AL, A_AL); xt_exp2(B_AL, B_AL);                                                  \
    if (do_pv) PVT(sp, 3);                                                                     \
    xt_mulq(A_L, A_L, A_AL); xt_mulq(B_L, B_L, B_AL);                                          \
    xt_rsum(A_L, A_S + sn); xt_rsum(B_L, B_S + sn);                                            \
    xt_quant_u(A_S + sn, A_S + sn, 255); xt_quant_u(B_S + sn, B_S + sn, 255);                  \
  } while (0)

/* O *= alpha, interleaved with S of the next-next block into slot ss. */
/* S of key block jj for both query blocks into slot ss: from the block MMA's chunk (g_blk;
   a new chunk's block MMA first) or by DT MMAs each. */
#define S_PAIR_LOAD(ss, jj)                                                                    \
  do {                                                                                         \
    if (((jj) & 15) == 0) S_CHUNK(2, jj);                                                      \
    xt_tld_w(A_S + ss, SP_S + 64u * ((jj) & 15), 1024);                                        \
    xt_tld_w(B_S + ss, SP_S + 16384u + 64u * ((jj) & 15), 1024);                               \
  } while (0)
#define RESCALE_S(ss, do_s, jj)                                                                \
  do {                                                                                         \
    if (g_blk) {                                                                               \
      RESC(0); RESC(1); RESC(2); RESC(3);                                                      \
      if (do_s) S_PAIR_LOAD(ss, jj);                                                           \
    } else {                                                                                   \
      if (do_s) { xt_fill(A_S + ss, 0); xt_fill(B_S + ss, 0); }                                \
      RESC(0); if (do_s) { P_SK(A, A_S + ss, 0); P_SK(B, B_S + ss, 0); }                       \
      RESC(1); if (do_s) { P_SK(A, A_S + ss, 1); P_SK(B, B_S + ss, 1); }                       \
      RESC(2); if (do_s) { P_SK(A, A_S + ss, 2); P_SK(B, B_S + ss, 2); }                       \
      RESC(3); if (do_s) { P_SK(A, A_S + ss, 3); P_SK(B, B_S + ss, 3); }                       \
    }                                                                                          \
    xt_mov(A_M, A_MN); xt_mov(B_M, B_MN);                                                      \
  } while (0)

#define P_FINAL(x, t) do { xt_mulq(x##_O + (t), x##_O + (t), x##_AL); xt_quant(x##_O + (t), x##_O + (t), out_mul); } while (0)

static void pair_blocks(uint32_t q0, uint32_t S, int causal, int32_t c, int32_t out_mul, uint32_t out_shift) {
  const uint32_t kend = causal ? q0 + 32 : S;
  const uint32_t nblk = kend / 16;
  (void)xt_dma_ld(&dQ, q0, 0, SP_Q);  /* 32 rows: the descriptor box is 16, so two */
  (void)xt_dma_ld(&dQ, q0 + 16, 0, SP_Q + 1024u);
  xt_tld_b(A_Q + 0, SP_Q + 0u, 64); xt_tld_b(A_Q + 1, SP_Q + 16u, 64);
  xt_tld_b(A_Q + 2, SP_Q + 32u, 64); xt_tld_b(A_Q + 3, SP_Q + 48u, 64);
  xt_tld_b(B_Q + 0, SP_Q + 1024u, 64); xt_tld_b(B_Q + 1, SP_Q + 1040u, 64);
  xt_tld_b(B_Q + 2, SP_Q + 1056u, 64); xt_tld_b(B_Q + 3, SP_Q + 1072u, 64);
  xt_fill(A_M, XT_NEG_INF); xt_fill(B_M, XT_NEG_INF);
  xt_fill(A_L, 0); xt_fill(B_L, 0);
  xt_fill(A_O + 0, 0); xt_fill(A_O + 1, 0); xt_fill(A_O + 2, 0); xt_fill(A_O + 3, 0);
  xt_fill(B_O + 0, 0); xt_fill(B_O + 1, 0); xt_fill(B_O + 2, 0); xt_fill(B_O + 3, 0);
  /* Prologue: S of blocks 0 and 1, softmax of block 0. */
  uint32_t kaddr, vaddr, vblk[2] = {0, 0};
  kv_block(0, &kaddr, &vblk[0]);
  if (g_blk) S_PAIR_LOAD(0, 0u);
  else { P_SBLK(A, A_S + 0); P_SBLK(B, B_S + 0); }
  if (nblk > 1) {
    kv_block(1, &kaddr, &vblk[1]);
    if (g_blk) S_PAIR_LOAD(1, 1u);
    else { P_SBLK(A, A_S + 1); P_SBLK(B, B_S + 1); }
  }
  vaddr = 0;
  SOFTMAX_PV(0, 0u, 1, 0);
  RESCALE_S(0, 0, 0u);
  for (uint32_t j = 0; j < nblk; ++j) {
    const int more = j + 1 < nblk, more2 = j + 2 < nblk;
    const uint32_t kn = (j + 1) * 16;
    vaddr = vblk[j & 1];
    if (more2) kv_block(j + 2, &kaddr, &vblk[j & 1]);  /* K/V addresses of block j+2 (slot j & 1) */
    if (j & 1) {
      if (more) SOFTMAX_PV(0, kn, 1, 1); else { PVT(1, 0); PVT(1, 1); PVT(1, 2); PVT(1, 3); }
      if (more) RESCALE_S(1, more2, j + 2); else if (more2) RESCALE_S(1, 1, j + 2);
    } else {
      if (more) SOFTMAX_PV(1, kn, 0, 1); else { PVT(0, 0); PVT(0, 1); PVT(0, 2); PVT(0, 3); }
      if (more) RESCALE_S(0, more2, j + 2); else if (more2) RESCALE_S(0, 1, j + 2);
    }
  }
  xt_rcp(A_AL, A_L); xt_rcp(B_AL, B_L);
  (void)xt_cfg(XT_CFG_QSHIFT, out_shift);
  P_FINAL(A, 0); P_FINAL(A, 1); P_FINAL(A, 2); P_FINAL(A, 3);
  P_FINAL(B, 0); P_FINAL(B, 1); P_FINAL(B, 2); P_FINAL(B, 3);
  (void)xt_cfg(XT_CFG_QSHIFT, 16);
  xt_tst_b(A_O + 0, SP_O + 0u, 64); xt_tst_b(A_O + 1, SP_O + 16u, 64); xt_tst_b(A_O + 2, SP_O + 32u, 64); xt_tst_b(A_O + 3, SP_O + 48u, 64);
  (void)xt_dma_st(&dO, q0, 0, SP_O);
  xt_tst_b(B_O + 0, SP_O + 1024u, 64); xt_tst_b(B_O + 1, SP_O + 1040u, 64); xt_tst_b(B_O + 2, SP_O + 1056u, 64); xt_tst_b(B_O + 3, SP_O + 1072u, 64);
  (void)xt_dma_st(&dO, q0 + 16, 0, SP_O + 1024u);
}

/* ---- the lean schedule, for chips with few tile registers ---------------------------------
   One query block at a time, Q kept in the scratchpad and reloaded tile by tile for each key
   block, the O columns in groups of 64 (four accumulators): dim 128 runs the key loop twice and
   recomputes the softmax statistics, which are the same both times, so the result is the same
   bit for bit. Registers: O tr0..3, S (P over it) 4, m 5, l 6, m_new 7, alpha 8, K 9 / 14,
   V 10, Q 11 / 13, pad 12: 15 in all. */
enum { LO = 0, LS = 4, LM = 5, LL = 6, LMN = 7, LAL = 8, LK0 = 9, LV = 10, LQ0 = 11, LPAD = 12, LQ1 = 13, LK1 = 14 };
#define L_SK(t) do { xt_tld_b((t) & 1 ? LQ1 : LQ0, SP_Q + (t) * 16u, D); xt_tld_b((t) & 1 ? LK1 : LK0, kaddr + (t) * 16u, D); \
                     xt_mma_ss(LS, (t) & 1 ? LQ1 : LQ0, (t) & 1 ? LK1 : LK0); } while (0)
#define L_PV(t) do { xt_tld_b_tr(LV, vaddr + (cg * 4u + (t)) * 16u, D); xt_mma_us(LO + (t), LS, LV); } while (0)
#define L_FINAL(t) do { xt_mulq(LO + (t), LO + (t), LAL); xt_quant(LO + (t), LO + (t), out_mul); \
                        xt_tst_b(LO + (t), SP_O + (cg * 4u + (t)) * 16u, D); } while (0)

static void lean_block(uint32_t q0, uint32_t S, int causal, int32_t c, int32_t out_mul, uint32_t out_shift) {
  const uint32_t kend = causal ? q0 + 16 : S;
  const uint32_t nblk = wl_cdiv(wl_min(kend, S), 16);
  (void)xt_dma_ld(&dQ, q0, 0, SP_Q);
  for (uint32_t cg = 0; cg < DT / 4; ++cg) {
    xt_fill(LM, XT_NEG_INF);
    xt_fill(LL, 0);
    xt_fill(LO + 0, 0); xt_fill(LO + 1, 0); xt_fill(LO + 2, 0); xt_fill(LO + 3, 0);
    for (uint32_t j = 0; j < nblk; ++j) {
      uint32_t kaddr, vaddr;
      kv_block(j, &kaddr, &vaddr);
      const uint32_t k0 = j * 16;
      xt_fill(LS, 0);
      L_SK(0); L_SK(1); L_SK(2); L_SK(3);
      if (DT > 4) { L_SK(4); L_SK(5); L_SK(6); L_SK(7); }
      xt_mulq_x(LS, LS, c);
      if (causal && k0 == q0) xt_mask(LS, LS, 0);
      if (k0 + 16 > S) xt_min(LS, LS, LPAD);
      xt_mov(LMN, LM);
      xt_rmax(LMN, LS);
      xt_sub(LS, LS, LMN);
      xt_exp2(LS, LS);
      xt_sub(LAL, LM, LMN);
      xt_exp2(LAL, LAL);
      xt_mulq(LL, LL, LAL);
      xt_rsum(LL, LS);
      xt_quant_u(LS, LS, 255);
      xt_mulq(LO + 0, LO + 0, LAL); xt_mulq(LO + 1, LO + 1, LAL); xt_mulq(LO + 2, LO + 2, LAL); xt_mulq(LO + 3, LO + 3, LAL);
      L_PV(0); L_PV(1); L_PV(2); L_PV(3);
      xt_mov(LM, LMN);
    }
    xt_rcp(LAL, LL);
    (void)xt_cfg(XT_CFG_QSHIFT, out_shift);
    L_FINAL(0); L_FINAL(1); L_FINAL(2); L_FINAL(3);
    (void)xt_cfg(XT_CFG_QSHIFT, 16);
  }
  (void)xt_dma_st(&dO, q0, 0, SP_O);
}


/* ---- the group schedule, for chips with block MMAs and an accumulator SRAM ------------------
   Up to 16 query tiles (256 rows) at a time, so each pass over K and V serves 256 query rows:
   the O accumulators, S and the softmax state live in the accumulator SRAM, not in registers.
   Per key block j: xt.smx.blk steps the softmax of the whole column of S tiles (writes u8 P and
   alpha), then one xt.mma.blk computes O = mulq(O, alpha) + P V_j (blk_scale; V read k-major,
   blk_bt) - the register form's STEP, bit for bit. S = Q K^T comes from one xt.mma.blk per
   G_NJ key blocks, issued one chunk ahead into the other S buffer, so the MAC array computes the
   next S while the vector unit steps the current one. Tiles of a causal group past their
   diagonal are skipped by xt.smx.blk (their P is 0 and alpha 1.0: O stays as it is). */
static int g_grp;
static uint32_t G_NJ, G_MQ, ACC, ACC_O, ACC_S, ACC_ST, ACC_OUT, SP_OST;
#define G_SBUF(b) (ACC_S + (b) * 1024u * G_MQ * G_NJ)
#define G_OUT(b) (ACC_OUT + (b) * 10240u)  /* P tiles at +0, alpha at +8192 (xt.smx.blk) */
#define G_L 2048u                          /* L(i) at ACC_ST + 2048 + 64 i */

static void group_s_config(uint32_t n) {
  (void)xt_cfg(XT_CFG_BLK_N, n);
  (void)xt_cfg(XT_CFG_BLK_K, DT);
  (void)xt_cfg(XT_CFG_BLK_FMT, XT_FMT_SS);
  (void)xt_cfg(XT_CFG_BLK_PA, D);
  (void)xt_cfg(XT_CFG_BLK_PC, 64u * G_NJ);
  (void)xt_cfg(XT_CFG_BLK_ZERO, 1);
  (void)xt_cfg(XT_CFG_BLK_BT, 0);
  (void)xt_cfg(XT_CFG_BLK_SCALE, 0);
}
static void group_pv_config(void) {
  (void)xt_cfg(XT_CFG_BLK_N, DT);
  (void)xt_cfg(XT_CFG_BLK_K, 1);
  (void)xt_cfg(XT_CFG_BLK_FMT, XT_FMT_US);
  (void)xt_cfg(XT_CFG_BLK_PA, 16);
  (void)xt_cfg(XT_CFG_BLK_PC, 4u * D);
  (void)xt_cfg(XT_CFG_BLK_BT, 1);
  (void)xt_cfg(XT_CFG_BLK_SCALE, 1);
}

/* The first query tile of the group that key block j reaches (causal: tiles above it lie wholly
   before the block's keys - xt.smx.blk would skip them - so no work is issued for them). */
static uint32_t group_first(uint32_t j, uint32_t q0, int causal) { return causal && 16 * j > q0 ? j - q0 / 16 : 0; }

/* S = Q K^T for key blocks j0 .. j0 + n - 1 into S buffer b (query tiles from group_first(j0)
   on); returns the V address of block j0. */
static uint32_t group_s_chunk(uint32_t qa, uint32_t j0, uint32_t nkb, uint32_t q0, uint32_t mq, int causal, uint32_t b) {
  uint32_t kaddr, vaddr;
  kv_block(j0, &kaddr, &vaddr);
  const uint32_t i0 = group_first(j0, q0, causal);
  group_s_config(wl_min(G_NJ, nkb - j0));
  (void)xt_cfg(XT_CFG_BLK_M, mq - i0);
  (void)xt_mma_blk(qa + 16u * D * i0, kaddr, G_SBUF(b) + 1024u * G_NJ * i0);
  return vaddr;
}

/* The group at q0 (mq tiles) of the slice the descriptors point at; its Q is in the scratchpad
   at qa (DMAed by the caller); once its first S block MMA is issued, the Q of the core's next
   group (slice base nbase, row nq0; nbase 0: none) is fetched into qn, so it lands meanwhile. */
static void group_blocks(uint32_t qa, uint32_t q0, uint32_t mq, uint32_t S, int causal, int32_t out_mul, uint32_t out_shift,
                         uint32_t nbase, uint32_t nq0, uint32_t qn) {
  const uint32_t nkb = wl_cdiv(causal ? wl_min(q0 + 16 * mq, S) : S, 16);
  /* M = minus infinity, L = 0 (per-row vectors: a tile store of row stride 0 writes one row). */
  xt_fill(0, XT_NEG_INF);
  xt_fill(1, 0);
  for (uint32_t i = 0; i < mq; ++i) {
    xt_tst_w(0, ACC_ST + 64u * i, 0);
    xt_tst_w(1, ACC_ST + G_L + 64u * i, 0);
  }
  (void)xt_cfg(XT_CFG_SMX_CAUSAL, 0);
  uint32_t vbase[2], m_set = 0;
  vbase[0] = group_s_chunk(qa, 0, nkb, q0, mq, causal, 0);
  if (nbase) {
    dQ.base = nbase;
    (void)xt_dma_ld(&dQ, nq0, 0, qn);
  }
  for (uint32_t j0 = 0, ci = 0; j0 < nkb; j0 += G_NJ, ++ci) {
    if (j0 + G_NJ < nkb) vbase[(ci + 1) & 1] = group_s_chunk(qa, j0 + G_NJ, nkb, q0, mq, causal, (ci + 1) & 1);
    group_pv_config();
    const uint32_t j1 = wl_min(j0 + G_NJ, nkb);
    m_set = 0;
    for (uint32_t j = j0; j < j1; ++j) {
      const uint32_t out = G_OUT(j & 3), i0 = group_first(j, q0, causal);
      if (causal && 16 * j + 15 > q0) {  /* the mask is the identity on earlier key blocks: skip its cost */
        if (16 * j < q0 + 16) (void)xt_cfg(XT_CFG_SMX_CAUSAL, 1);
        (void)xt_cfg(XT_CFG_SMX_OFF, q0 + 16 * i0 - 16 * j);
      }
      if (16 * j + 16 > S) (void)xt_cfg(XT_CFG_SMX_KEYS, S - 16 * j);
      if (m_set != mq - i0) {
        (void)xt_cfg(XT_CFG_SMX_M, mq - i0);
        (void)xt_cfg(XT_CFG_BLK_M, mq - i0);
        m_set = mq - i0;
      }
      (void)xt_smx_blk(G_SBUF(ci & 1) + 1024u * G_NJ * i0 + 64u * (j - j0), ACC_ST + 64u * i0, out + 256u * i0);
      (void)xt_cfg(XT_CFG_BLK_SA, out + 256u * i0 + 8192u);  /* alpha of the step's tile k at its out + 8192 + 64 k */
      (void)xt_cfg(XT_CFG_BLK_ZERO, j == 0);
      (void)xt_mma_blk(out + 256u * i0, vbase[ci & 1] + (j - j0) * 16u * D, ACC_O + 64u * D * i0);
    }
      }
  (void)xt_cfg(XT_CFG_SMX_KEYS, 16);
  /* O = quant(mulq(O, rcp(L)), out_mul): L(i) as a row-uniform tile is the transpose of a load
     with row stride 0; then the register form's FINAL, tile by tile. */
  (void)xt_cfg(XT_CFG_QSHIFT, out_shift);
  for (uint32_t i = 0; i < mq; ++i) {
    xt_tld_w(0, ACC_ST + G_L + 64u * i, 0);
    xt_tr(0, 0);
    xt_rcp(0, 0);
    for (uint32_t t = 0; t < DT; ++t) {
      const uint32_t r = 1 + (t & 3);
      switch (r) {  /* (tile numbers are immediates) */
        case 1: xt_tld_w(1, ACC_O + 64u * D * i + 64u * t, 4u * D); xt_mulq(1, 1, 0); xt_quant(1, 1, out_mul); xt_tst_b(1, SP_OST + 16u * D * i + 16u * t, D); break;
        case 2: xt_tld_w(2, ACC_O + 64u * D * i + 64u * t, 4u * D); xt_mulq(2, 2, 0); xt_quant(2, 2, out_mul); xt_tst_b(2, SP_OST + 16u * D * i + 16u * t, D); break;
        case 3: xt_tld_w(3, ACC_O + 64u * D * i + 64u * t, 4u * D); xt_mulq(3, 3, 0); xt_quant(3, 3, out_mul); xt_tst_b(3, SP_OST + 16u * D * i + 16u * t, D); break;
        default: xt_tld_w(4, ACC_O + 64u * D * i + 64u * t, 4u * D); xt_mulq(4, 4, 0); xt_quant(4, 4, out_mul); xt_tst_b(4, SP_OST + 16u * D * i + 16u * t, D); break;
      }
    }
  }
  (void)xt_cfg(XT_CFG_QSHIFT, 16);
  (void)xt_dma_st(&dO, q0, 0, SP_OST);
}

/* One query block of 16 rows at q0 (dim 64 or 128, full-size chips). */
static void full_block(uint32_t q0, uint32_t S, int causal, int32_t c, int32_t out_mul, uint32_t out_shift) {
      const uint32_t kend = causal ? q0 + 16 : S;  /* causal: key blocks up to the diagonal */
      const uint32_t nblk = wl_cdiv(wl_min(kend, S), 16);
      (void)xt_dma_ld(&dQ, q0, 0, SP_Q);
      LOADQ(0); LOADQ(1); LOADQ(2); LOADQ(3);
      if (DT > 4) { LOADQ(4); LOADQ(5); LOADQ(6); LOADQ(7); }
      xt_fill(M, XT_NEG_INF);
      xt_fill(L, 0);
      xt_fill(OT + 0, 0); xt_fill(OT + 1, 0); xt_fill(OT + 2, 0); xt_fill(OT + 3, 0);
      if (DT > 4) { xt_fill(OT + 4, 0); xt_fill(OT + 5, 0); xt_fill(OT + 6, 0); xt_fill(OT + 7, 0); }
      uint32_t kaddr, vaddr, vnext = 0;
      kv_block(0, &kaddr, &vaddr);
      if (g_blk) {
        S_CHUNK(1, 0);
        xt_tld_w(S0, SP_S, 1024);
      } else {
        S_BLOCK(S0);
      }
      for (uint32_t j = 0; j < nblk; ++j) {
        /* S of the next key block goes to the MAC array before this block's P V, so it is
           computed while the vector unit runs this block's softmax. */
        const uint32_t vcur = vaddr;
        if (j + 1 < nblk) {
          kv_block(j + 1, &kaddr, &vnext);
          if (g_blk) {
            if (((j + 1) & 15) == 0) S_CHUNK(1, j + 1);
            if (j & 1) xt_tld_w(S0, SP_S + 64u * ((j + 1) & 15), 1024);  /* (tile numbers are immediates) */
            else xt_tld_w(S1, SP_S + 64u * ((j + 1) & 15), 1024);
          } else if (j & 1) {
            S_BLOCK(S0);
          } else {
            S_BLOCK(S1);
          }
        }
        vaddr = vcur;
        const uint32_t k0 = j * 16;
        if (j & 1) STEP(S1); else STEP(S0);
        vaddr = vnext;
      }
      xt_rcp(TMP, L);
      (void)xt_cfg(XT_CFG_QSHIFT, out_shift);
      FINAL(0); FINAL(1); FINAL(2); FINAL(3);
      if (DT > 4) { FINAL(4); FINAL(5); FINAL(6); FINAL(7); }
      (void)xt_cfg(XT_CFG_QSHIFT, 16);
      (void)xt_dma_st(&dO, q0, 0, SP_O);
}

int main(void) {
  WL_REQUIRE_ARGS(WL_ATTENTION);
  attention_state st;
  CS = &st;
  int32_t pad_tile[16][16] __attribute__((aligned(64))); /* this core's, DMAed into its scratchpad */
  const volatile wl_attention_args* args = WL_ARGS(wl_attention_args);
  const uint32_t B = args->batch, H = args->heads, S = args->seq;
  D = args->dim;
  DT = D / 16;
  const int causal = args->causal != 0;
  const int32_t c = args->c, out_mul = args->out_mul;
  const uint32_t out_shift = args->out_shift;
  const uint32_t nq = xt_cfgr(XT_INFO_DMA_QUEUES);
  g_S = S;
  const int full = xt_cfgr(XT_INFO_TILE_REGS) >= 32 && xt_cfgr(XT_INFO_SPAD_KIB) >= 140;
  {
    g_blk = full && wl_block_mma_pays() && xt_cfgr(XT_INFO_SPAD_KIB) >= 168;  /* SP_S: 2 x 16 tiles */
    if (g_blk) {
      (void)xt_cfg(XT_CFG_BLK_FMT, XT_FMT_SS);
      (void)xt_cfg(XT_CFG_BLK_K, args->dim / 16);
      (void)xt_cfg(XT_CFG_BLK_PA, args->dim);
      (void)xt_cfg(XT_CFG_BLK_PB, args->dim);
      (void)xt_cfg(XT_CFG_BLK_PC, 1024);
      (void)xt_cfg(XT_CFG_BLK_ZERO, 1);
    }
  }
  if (g_blk) {  /* (chips without block MMAs read no more info fields: their timing stays pinned) */
    const uint32_t acc_kib = xt_cfgr(XT_INFO_ACC_KIB), spad_kib = xt_cfgr(XT_INFO_SPAD_KIB);
    G_NJ = D == 64 ? 1 : 2;   /* key blocks per S block MMA */
    G_MQ = D == 64 ? 32 : 16; /* query tiles per group: 512 or 256 rows */
    /* accumulator SRAM: O (G_MQ x DT tiles), two S buffers (G_MQ x G_NJ tiles), the state
       (4 KiB), four output buffers (10 KiB); scratchpad: two Q buffers and the O staging (16 G_MQ
       rows each), K and V (2 x 256 keys each) */
    const uint32_t acc_need = G_MQ * DT + 2 * G_MQ * G_NJ + 4 + 40, spad_need = (3 * 16 * G_MQ * D + 4 * 256 * D) / 1024;
    g_grp = acc_kib >= acc_need && spad_kib >= spad_need;
    if (g_grp) {
      ACC = spad_kib * 1024u;
      ACC_O = ACC;
      ACC_S = ACC_O + G_MQ * DT * 1024u;
      ACC_ST = ACC_S + 2u * G_MQ * G_NJ * 1024u;
      ACC_OUT = ACC_ST + 4096u;
      (void)xt_cfg(XT_CFG_BLK_PB, D);
      (void)xt_cfg(XT_CFG_SMX_PS, 64u * G_NJ);
      (void)xt_cfg(XT_CFG_SMX_C, (uint32_t)c);
    }
  }
  g_kch_shift = full ? 8 : 6;
  g_pf_blk = full ? 4 : 1;
  g_chunk_bytes = g_grp ? 256u * D : full ? 32768u : 8192u;
  g_spk = g_grp ? 2u * 16u * G_MQ * D : 4096u;  /* group schedule: two Q buffers */
  g_spv = g_spk + 2 * g_chunk_bytes;
  SP_O = g_spv + 2 * g_chunk_bytes;
  SP_OST = SP_O;
  const uint32_t kch = 1u << g_kch_shift;
  /* Descriptors cover one (batch, head) slice of S rows, rebased per slice. */
  /* All scratchpad data is placed swizzled: the transposed V loads read 16 rows 64 or 128 bytes
     apart, which would otherwise share banks. */
  wl_desc(&dQ, 0, S, D, D, g_grp ? 16 * G_MQ : 16, D, 1, 1, 0, D);
  wl_desc(&dK, 0, S, D, D, kch, D, 1, 1, wl_queue(1, nq), D);
  wl_desc(&dV, 0, S, D, D, kch, D, 1, 1, wl_queue(2, nq), D);
  wl_desc(&dO, 0, S, D, D, g_grp ? 16 * G_MQ : 16, D, 1, 1, wl_queue(3, nq), D);
  (void)xt_cfg(XT_CFG_SWIZZLE, 1);
  (void)xt_cfg(XT_CFG_FRAC, 16);
  (void)xt_cfg(XT_CFG_QSHIFT, 16);
  (void)xt_cfg(XT_CFG_ROUND, XT_ROUND_AWAY);
  if (g_grp) {
    /* Work items: (slice bh, group of 16 query tiles), dealt round robin (item core, core +
       cores, ...), so at any time the cores work on neighbouring slices and K/V stay in the
       L2. Causal: an item is the pair of groups p and ng-1-p, of equal total cost. */
    const uint32_t rows = 16 * G_MQ, ng = wl_cdiv(S, rows), per = causal ? (ng + 1) / 2 : ng, cores = tilesim_cores();
    const uint32_t items = B * H * per;
    /* This core's groups in order: item id, half h (the second group of a causal pair). */
    uint32_t id = tilesim_core(), h = 0, qbuf = 0;
#define G_HALVES(p_) (causal && ng - 1 - (p_) != (p_) ? 2u : 1u)
#define G_GROUP(id_, h_) ((h_) ? ng - 1 - (id_) % per : (id_) % per)
    if (id < items) {
      dQ.base = args->q + (id / per) * S * D;
      (void)xt_dma_ld(&dQ, rows * G_GROUP(id, 0), 0, SP_Q);
    }
    while (id < items) {
      uint32_t nid = id, nh = h + 1;
      if (nh == G_HALVES(id % per)) {
        nid = id + cores;
        nh = 0;
      }
      const uint32_t slice = (id / per) * S * D, q0 = rows * G_GROUP(id, h);
      dK.base = args->k + slice;
      dV.base = args->v + slice;
      dO.base = args->o + slice;
      const uint32_t nbase = nid < items ? args->q + (nid / per) * S * D : 0, nq0 = nid < items ? rows * G_GROUP(nid, nh) : 0;
      group_blocks(SP_Q + qbuf * 16u * G_MQ * D, q0, wl_min(G_MQ, wl_cdiv(S - q0, 16)), S, causal, out_mul, out_shift, nbase, nq0,
                   SP_Q + (qbuf ^ 1) * 16u * G_MQ * D);
      id = nid;
      h = nh;
      qbuf ^= 1;
    }
    xt_fence();
    tilesim_barrier();
    return 0;
  }
  /* Work items (slice bh, query block k): this core's contiguous range of them. */
  const int paired = full && D == 64 && S % 32 == 0;  /* two query blocks at a time */
  const uint32_t qstep = paired ? 32 : 16, nqb = wl_cdiv(S, qstep), cores = tilesim_cores();
  const int zigzag = causal && cores > 1;  /* balanced ranges of causal blocks */
  uint32_t i0, i1;
  tilesim_split(B * H * nqb, tilesim_core(), cores, &i0, &i1);
  if (i0 < i1) { /* (a core without work loads nothing) */
    /* Keys past S in the last block (S not a multiple of 16) must not count: min() with -2^30
       there (INT32_MAX elsewhere). */
    for (uint32_t r = 0; r < 16; ++r)
      for (uint32_t k = 0; k < 16; ++k) pad_tile[r][k] = (S % 16 && k >= S % 16) ? XT_NEG_INF : 0x7fffffff;
    {
      xt_dma_desc dp;
      wl_desc(&dp, (uint32_t)(uintptr_t)pad_tile, 16, 16, 64, 16, 16, 4, 1, 0, 64);
      (void)xt_dma_ld(&dp, 0, 0, SP_O);
      if (full) xt_tld_w(PAD, SP_O, 64);
      else xt_tld_w(LPAD, SP_O, 64);
    }
  }
  uint32_t bh = i0 / nqb, k = i0 % nqb, based = ~0u;
  for (uint32_t i = i0; i < i1; ++i) {
    if (bh != based) {
      const uint32_t slice = bh * S * D;
      dQ.base = args->q + slice;
      dK.base = args->k + slice;
      dV.base = args->v + slice;
      dO.base = args->o + slice;
      based = bh;
    }
    const uint32_t qb = zigzag ? ((k & 1) ? nqb - 1 - k / 2 : k / 2) : k, q0 = qb * qstep;
    if (!full) lean_block(q0, S, causal, c, out_mul, out_shift);
    else if (paired) pair_blocks(q0, S, causal, c, out_mul, out_shift);
    else full_block(q0, S, causal, c, out_mul, out_shift);
    if (++k == nqb) {
      k = 0;
      ++bh;
    }
  }
  xt_fence();
  tilesim_barrier();
  return 0;
}
