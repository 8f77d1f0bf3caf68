/* xt.smx.blk, the online-softmax step over a column of tiles, and xt.mma.blk's k-major B
   (blk_bt) and row scaling (blk_scale): each equals the register sequence it stands for
   (docs/isa.md, "Softmax step"), computed here with xt.tld / xt.mulq.x / xt.mask / xt.min /
   xt.rmax / xt.sub / xt.exp2 / xt.mulq / xt.rsum / xt.quant.u / xt.mma.us on the same data:
   causal tiles partly masked, whole-masked (skipped) and unmasked, fewer than 16 valid keys,
   swizzled and plain placement, S with a wide pitch, the state in the accumulator SRAM when the
   chip has one. rd is the number of tiles (or MMAs). */
#include "xt_common.h"

#define MT 4 /* tiles in the column */
static int32_t S[16 * MT][64];         /* S: up to 4 tiles across, the column is tile column 1 */
static int32_t ST[2 * MT][16];         /* M(i) then L(i), per-row vectors (L at + 2048 in the scratchpad) */
static int32_t STT[2 * MT][16][16];    /* the same as full tiles (the register path) */
static uint8_t P1[MT][16][16], P2[MT][16][16];
static int32_t AL1[MT][16], ST1[2 * MT][16], T2[16][16];
enum { SP_S = 0, SP_ST = 16384, SP_OUT = 20480, SP_STT = 32768, SP_P2 = 40960 };

static int g_swz;
static void copy(int to_spad, const void* dram, uint32_t rows, uint32_t cols, uint32_t elem, uint32_t pitch, uint32_t spad,
                 uint32_t spad_pitch, uint32_t q) {
  xt_copy_swz(to_spad, dram, rows, cols, elem, pitch, spad, spad_pitch, q, (uint32_t)g_swz);
}

static uint32_t rng = 77;
static uint32_t next(void) { rng = rng * 1664525u + 1013904223u; return rng >> 8; }

/* One step over m tiles; st_base: where the state lives (scratchpad or accumulator SRAM). */
static void step(int m, int causal, int32_t off, int keys, int32_t c, int swz, uint32_t st_base) {
  const uint32_t ps = 256; /* S rows 4 tiles wide: the column at +64 */
  g_swz = swz;
  (void)xt_cfg(XT_CFG_SWIZZLE, swz);
  for (int r = 0; r < 16 * m; ++r)
    for (int k = 0; k < 64; ++k) S[r][k] = (int32_t)(next() & 0x3fffff) - (1 << 21);
  for (int i = 0; i < m; ++i)
    for (int r = 0; r < 16; ++r) {
      const int32_t mv = (i == 0 && r < 4) ? XT_NEG_INF : (int32_t)(next() & 0xfffff) - (1 << 19);
      const int32_t lv = (int32_t)(next() & 0xffffff);
      ST[i][r] = mv;
      ST[m + i][r] = lv;
      for (int k = 0; k < 16; ++k) {
        STT[i][r][k] = mv;
        STT[m + i][r][k] = lv;
      }
    }
  copy(1, S, 16 * m, 256, 1, 256, SP_S, ps, 0);
  copy(1, ST, m, 64, 1, 64, st_base, 64, 1);
  copy(1, ST[m], m, 64, 1, 64, st_base + 2048, 64, 1);
  copy(1, STT, 2 * m * 16, 64, 1, 64, SP_STT, 64, 2);
  (void)xt_cfg(XT_CFG_SMX_M, m);
  (void)xt_cfg(XT_CFG_SMX_PS, ps);
  (void)xt_cfg(XT_CFG_SMX_C, (uint32_t)c);
  (void)xt_cfg(XT_CFG_SMX_CAUSAL, causal);
  (void)xt_cfg(XT_CFG_SMX_OFF, (uint32_t)off);
  (void)xt_cfg(XT_CFG_SMX_KEYS, keys);
  CHECK_EQ("rd = tiles", xt_smx_blk(SP_S + 64, st_base, SP_OUT), m);
  /* The register sequence, tile by tile: S 0, M 1, MN 2, L 3, AL 4, T 5, PAD 6. */
  static int32_t pad[16][16];
  for (int r = 0; r < 16; ++r)
    for (int k = 0; k < 16; ++k) pad[r][k] = k >= keys ? XT_NEG_INF : 0x7fffffff;
  copy(1, pad, 16, 64, 1, 64, SP_P2 + 4096, 64, 3);
  xt_tld_w(6, SP_P2 + 4096, 64);
  for (int i = 0; i < m; ++i) {
    const int32_t o = off + 16 * i;
    xt_tld_w(0, SP_S + 64 + 16 * i * ps, ps);
    xt_tld_w(1, SP_STT + 1024 * i, 64);
    xt_tld_w(3, SP_STT + 1024 * (m + i), 64);
    if (causal && o < -15) { /* skipped: P = 0, alpha = 1.0, M and L kept */
      xt_fill(0, 0);
      xt_quant_u(0, 0, 255);
      xt_fill(4, 1 << 16);
      xt_mov(2, 1);
    } else {
      xt_mulq_x(0, 0, c);
      if (causal) xt_mask(0, 0, o);
      if (keys < 16) xt_min(0, 0, 6);
      xt_mov(2, 1);
      xt_rmax(2, 0);
      xt_sub(0, 0, 2);
      xt_exp2(0, 0);
      xt_sub(5, 1, 2);
      xt_exp2(4, 5);
      xt_mulq(3, 3, 4);
      xt_rsum(3, 0);
      xt_quant_u(0, 0, 255);
    }
    xt_tst_b(0, SP_P2 + 256 * i, 16);
    xt_tst_w(4, SP_P2 + 8192, 64);
    copy(0, T2, 16, 64, 1, 64, SP_P2 + 8192, 64, 0);
    for (int r = 0; r < 16; ++r) AL1[i][r] = T2[r][0];
    xt_tst_w(2, SP_P2 + 8192, 64);
    copy(0, T2, 16, 64, 1, 64, SP_P2 + 8192, 64, 0);
    for (int r = 0; r < 16; ++r) CHECK_EQ("M row-uniform", T2[r][15], T2[r][0]);
    for (int r = 0; r < 16; ++r) ST[i][r] = T2[r][0];
    xt_tst_w(3, SP_P2 + 8192, 64);
    copy(0, T2, 16, 64, 1, 64, SP_P2 + 8192, 64, 0);
    for (int r = 0; r < 16; ++r) ST[m + i][r] = T2[r][0];
  }
  copy(0, P1, 16 * m, 16, 1, 16, SP_OUT, 16, 1);
  copy(0, P2, 16 * m, 16, 1, 16, SP_P2, 16, 2);
  static int32_t al[MT][16];
  copy(0, al, m, 64, 1, 64, SP_OUT + 8192, 64, 3);
  copy(0, ST1, m, 64, 1, 64, st_base, 64, 0);
  copy(0, ST1[m], m, 64, 1, 64, st_base + 2048, 64, 0);
  int nonzero = 0;
  for (int i = 0; i < m; ++i)
    for (int r = 0; r < 16; ++r) {
      for (int k = 0; k < 16; ++k) {
        CHECK_EQ("P: block vs registers", P1[i][r][k], P2[i][r][k]);
        nonzero += P1[i][r][k] != 0;
      }
      CHECK_EQ("alpha", al[i][r], AL1[i][r]);
      CHECK_EQ("M", ST1[i][r], ST[i][r]);
      CHECK_EQ("L", ST1[m + i][r], ST[m + i][r]);
    }
  CHECK_EQ("some P nonzero", nonzero > 0, 1);
}

/* xt.mma.blk with B k-major (blk_bt) and C scaled per row first (blk_scale), format us:
   C(i, j) = mulq(C(i, j), alpha(i)) + sum over kk of A(i, kk) x V(kk rows, j cols), against
   xt.tld.w / xt.mulq / xt.tld.b / xt.tld.b.tr / xt.mma.us. */
static uint8_t A[32][32], V[32][48];
static int32_t C0[32][48], C1[32][48], C2[32][48], ALV[2][16], ALT[16][16];
enum { B_A = 0, B_V = 2048, B_C = 8192, B_C2 = 16384, B_AL = 24576, B_ALT = 25600 };
static void scaled(int bm, int bn, int bk, int swz, int zero) {
  g_swz = swz;
  (void)xt_cfg(XT_CFG_SWIZZLE, swz);
  for (int r = 0; r < 32; ++r) {
    for (int k = 0; k < 32; ++k) A[r][k] = (uint8_t)next();
    for (int n = 0; n < 48; ++n) {
      V[r][n] = (uint8_t)next();
      C0[r][n] = (int32_t)next() - (1 << 23);
    }
  }
  for (int i = 0; i < 2; ++i)
    for (int r = 0; r < 16; ++r) ALV[i][r] = (int32_t)(next() & 0x1ffff);
  copy(1, A, 16 * bm, 16 * bk, 1, 32, B_A, 16 * bk, 0);
  copy(1, V, 16 * bk, 16 * bn, 1, 48, B_V, 16 * bn, 1);
  copy(1, C0, 16 * bm, 64 * bn, 1, 192, B_C, 64 * bn, 2);
  copy(1, C0, 16 * bm, 64 * bn, 1, 192, B_C2, 64 * bn, 3);
  copy(1, ALV, bm, 64, 1, 64, B_AL, 64, 0);
  (void)xt_cfg(XT_CFG_BLK_M, bm);
  (void)xt_cfg(XT_CFG_BLK_N, bn);
  (void)xt_cfg(XT_CFG_BLK_K, bk);
  (void)xt_cfg(XT_CFG_BLK_FMT, XT_FMT_US);
  (void)xt_cfg(XT_CFG_BLK_PA, 16 * bk);
  (void)xt_cfg(XT_CFG_BLK_PB, 16 * bn);
  (void)xt_cfg(XT_CFG_BLK_PC, 64 * bn);
  (void)xt_cfg(XT_CFG_BLK_ZERO, zero);
  (void)xt_cfg(XT_CFG_BLK_BT, 1);
  (void)xt_cfg(XT_CFG_BLK_SCALE, 1);
  (void)xt_cfg(XT_CFG_BLK_SA, B_AL);
  CHECK_EQ("rd = tile MMAs", xt_mma_blk(B_A, B_V, B_C), bm * bn * bk);
  (void)xt_cfg(XT_CFG_BLK_BT, 0);
  (void)xt_cfg(XT_CFG_BLK_SCALE, 0);
  for (int i = 0; i < bm; ++i) {
    for (int r = 0; r < 16; ++r)
      for (int k = 0; k < 16; ++k) ALT[r][k] = ALV[i][r];
    copy(1, ALT, 16, 64, 1, 64, B_ALT, 64, 1);
    xt_tld_w(4, B_ALT, 64);
    for (int j = 0; j < bn; ++j) {
      if (zero) xt_fill(0, 0);
      else {
        xt_tld_w(0, B_C2 + 16 * i * 64 * bn + 64 * j, 64 * bn);
        xt_mulq(0, 0, 4);
      }
      for (int kk = 0; kk < bk; ++kk) {
        xt_tld_b(1, B_A + 16 * i * 16 * bk + 16 * kk, 16 * bk);
        xt_tld_b_tr(2, B_V + 16 * kk * 16 * bn + 16 * j, 16 * bn);
        xt_mma_us(0, 1, 2);
      }
      xt_tst_w(0, B_C2 + 16 * i * 64 * bn + 64 * j, 64 * bn);
    }
  }
  copy(0, C1, 16 * bm, 64 * bn, 1, 192, B_C, 64 * bn, 2);
  copy(0, C2, 16 * bm, 64 * bn, 1, 192, B_C2, 64 * bn, 3);
  for (int r = 0; r < 16 * bm; ++r)
    for (int n = 0; n < 16 * bn; ++n) CHECK_EQ("scaled k-major block vs tile by tile", C1[r][n], C2[r][n]);
}

int main(void) {
  (void)xt_cfg(XT_CFG_FRAC, 16);
  (void)xt_cfg(XT_CFG_QSHIFT, 16);
  (void)xt_cfg(XT_CFG_ROUND, XT_ROUND_AWAY);
  const uint32_t acc = xt_cfgr(XT_INFO_ACC_KIB), st_acc = xt_cfgr(XT_INFO_SPAD_KIB) * 1024u;
  step(3, 1, -20, 16, 23637, 1, SP_ST);  /* tile 0 skipped, tile 1 partly masked, tile 2 off 12 */
  step(4, 1, 0, 5, 40000, 0, SP_ST);     /* the diagonal, 5 valid keys */
  step(2, 0, 0, 16, 23637, 1, SP_ST);
  step(1, 0, 0, 11, 65536, 0, SP_ST);
  if (acc >= 4) step(4, 1, -8, 16, 23637, 1, st_acc);
  scaled(2, 3, 2, 1, 0);
  scaled(1, 1, 1, 0, 0);
  scaled(2, 2, 1, 0, 1);
  return xt_report("smx_blk");
}
