/* xt.mma.blk, the block MMA: for every format, several block shapes, accumulate and zero modes,
   swizzled and plain placement, the block's C equals (1) the same block computed tile by tile
   with xt.tld / xt.mma.* / xt.tst.w on the same scratchpad data and (2) plain C. Also: its rd is
   the number of tile MMAs, and a misaligned operand faults (bad/blk_misaligned.c). */
#include "xt_common.h"

#define MAXR 64   /* rows of A / B / C: up to 4 tiles */
#define MAXB 256  /* bytes of an A / B row: up to 16 k steps of 16 bytes */
static uint8_t A[MAXR][MAXB], B[MAXR][MAXB];
static int32_t C0[MAXR][64], C1[MAXR][64], C2[MAXR][64];
enum { SP_A = 0, SP_B = 16384, SP_C = 32768, SP_C2 = 49152 };

/* The placement the tile accesses use (swizzled or not), for the DMAs too. */
static int g_swz;
static void copy(int to_spad, const void* dram, uint32_t rows, uint32_t cols, uint32_t pitch, uint32_t spad, uint32_t spad_pitch,
                 uint32_t q) {
  xt_copy_swz(to_spad, dram, rows, cols, 1, pitch, spad, spad_pitch, q, (uint32_t)g_swz);
}

static uint32_t rng = 2024;
static uint32_t next(void) { rng = rng * 1664525u + 1013904223u; return rng >> 8; }
static int nibble(const uint8_t* row, int k) {
  const int v = (row[k / 2] >> (4 * (k % 2))) & 15;
  return v >= 8 ? v - 16 : v;
}
static int code(const uint8_t* row, int k) {
  const int c = (row[k / 4] >> (2 * (k % 4))) & 3;
  return c == 1 ? 1 : c == 3 ? -1 : 0;
}

/* C2 tile (i, j) by single-tile instructions: d in tr0, A in tr1, B in tr2. */
static void tile_by_tile(int fmt, int bm, int bn, int bk, int zero, uint32_t pa, uint32_t pb, uint32_t bkb) {
  for (int i = 0; i < bm; ++i)
    for (int j = 0; j < bn; ++j) {
      if (zero) xt_fill(0, 0);
      else xt_tld_w(0, SP_C2 + i * 16 * 256 + j * 64, 256);
      for (int kk = 0; kk < bk; ++kk) {
        xt_tld_b(1, SP_A + i * 16 * pa + kk * 16, pa);
        if (fmt == XT_FMT_T2) xt_tld_t2(2, SP_B + j * 16 * pb + kk * bkb, pb);
        else xt_tld_b(2, SP_B + j * 16 * pb + kk * bkb, pb);
        switch (fmt) {
          case XT_FMT_SS: xt_mma_ss(0, 1, 2); break;
          case XT_FMT_SU: xt_mma_su(0, 1, 2); break;
          case XT_FMT_US: xt_mma_us(0, 1, 2); break;
          case XT_FMT_UU: xt_mma_uu(0, 1, 2); break;
          case XT_FMT_T2: xt_mma_t2(0, 1, 2); break;
          case XT_FMT_S4: xt_mma_s4(0, 1, 2); break;
        }
      }
      xt_tst_w(0, SP_C2 + i * 16 * 256 + j * 64, 256);
    }
}

static void run(int fmt, int bm, int bn, int bk, int zero, int swz) {
  const uint32_t bkb = fmt == XT_FMT_T2 ? 4 : 16, pa = 16 * bk, pb = bkb * bk;
  (void)xt_cfg(XT_CFG_SWIZZLE, swz);
  g_swz = swz;
  for (int r = 0; r < MAXR; ++r)
    for (int c = 0; c < MAXB; ++c) {
      A[r][c] = (uint8_t)next();
      B[r][c] = (uint8_t)next();
    }
  for (int r = 0; r < MAXR; ++r)
    for (int c = 0; c < 64; ++c) C0[r][c] = (int32_t)next() - (1 << 23);
  A[0][0] = 0x80; B[0][0] = 0x80;  /* extremes */
  copy(1, A, 16 * bm, pa, MAXB, SP_A, pa, 0);
  copy(1, B, 16 * bn, pb, MAXB, SP_B, pb, 1);
  copy(1, C0, 16 * bm, 64 * bn, 256, SP_C, 256, 2);
  copy(1, C0, 16 * bm, 64 * bn, 256, SP_C2, 256, 3);
  (void)xt_cfg(XT_CFG_BLK_M, bm);
  (void)xt_cfg(XT_CFG_BLK_N, bn);
  (void)xt_cfg(XT_CFG_BLK_K, bk);
  (void)xt_cfg(XT_CFG_BLK_FMT, fmt);
  (void)xt_cfg(XT_CFG_BLK_PA, pa);
  (void)xt_cfg(XT_CFG_BLK_PB, pb);
  (void)xt_cfg(XT_CFG_BLK_PC, 256);
  (void)xt_cfg(XT_CFG_BLK_ZERO, zero);
  CHECK_EQ("rd = tile MMAs", xt_mma_blk(SP_A, SP_B, SP_C), bm * bn * bk);
  tile_by_tile(fmt, bm, bn, bk, zero, pa, pb, bkb);
  copy(0, C1, 16 * bm, 64 * bn, 256, SP_C, 256, 0);
  copy(0, C2, 16 * bm, 64 * bn, 256, SP_C2, 256, 1);
  const int K = (fmt == XT_FMT_S4 ? 32 : 16) * bk;
  for (int m = 0; m < 16 * bm; ++m)
    for (int n = 0; n < 16 * bn; ++n) {
      int32_t want = zero ? 0 : C0[m][n];
      for (int k = 0; k < K; ++k) {
        int32_t a, b;
        switch (fmt) {
          case XT_FMT_SS: a = (int8_t)A[m][k]; b = (int8_t)B[n][k]; break;
          case XT_FMT_SU: a = (int8_t)A[m][k]; b = B[n][k]; break;
          case XT_FMT_US: a = A[m][k]; b = (int8_t)B[n][k]; break;
          case XT_FMT_UU: a = A[m][k]; b = B[n][k]; break;
          case XT_FMT_T2: a = (int8_t)A[m][k]; b = code(B[n], k); break;
          default: a = nibble(A[m], k); b = nibble(B[n], k); break;
        }
        want += a * b;
      }
      CHECK_EQ("block vs plain C", C1[m][n], want);
      CHECK_EQ("block vs tile by tile", C1[m][n], C2[m][n]);
    }
}

int main(void) {
  for (int fmt = 0; fmt < 6; ++fmt) {
    run(fmt, 3, 2, 5, 0, 1);
    run(fmt, 1, 1, 1, 1, 0);
    run(fmt, 4, 4, fmt == XT_FMT_S4 ? 8 : 16, fmt & 1, fmt & 1);
  }
  return xt_report("mma_blk");
}
