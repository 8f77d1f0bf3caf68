/* Vector/row/convert/move instructions end to end, checked against plain C on the core. */
#include "xt_common.h"

static int32_t X[16][16], Y[16][16], R[16][16];
static int8_t Q[16][16];

static void load32(int t, int32_t (*src)[16], uint32_t spad) {
  xt_copy(1, src, 16, 16, 4, 64, spad, 64, 0);
  switch (t) { case 1: xt_tld_w(1, spad, 64); break; case 2: xt_tld_w(2, spad, 64); break; }
}
static void fetch(int32_t (*dst)[16]) { xt_copy(0, dst, 16, 16, 4, 64, 8192, 64, 1); }

int main(void) {
  uint32_t s = 7;
  for (int r = 0; r < 16; ++r)
    for (int c = 0; c < 16; ++c) {
      s = s * 1664525u + 1013904223u; X[r][c] = (int32_t)s >> 12;
      s = s * 1664525u + 1013904223u; Y[r][c] = (int32_t)s >> 20;
    }
  X[0][0] = 0x7fffffff; Y[0][0] = 1;  /* wrap */
  load32(1, X, 0);
  load32(2, Y, 1024);

  xt_add(3, 1, 2); xt_tst_w(3, 8192, 64); fetch(R);
  for (int r = 0; r < 16; ++r) for (int c = 0; c < 16; ++c) CHECK_EQ("add", R[r][c], (int32_t)((uint32_t)X[r][c] + (uint32_t)Y[r][c]));
  xt_max(3, 1, 2); xt_tst_w(3, 8192, 64); fetch(R);
  for (int r = 0; r < 16; ++r) for (int c = 0; c < 16; ++c) CHECK_EQ("max", R[r][c], X[r][c] > Y[r][c] ? X[r][c] : Y[r][c]);
  xt_sub_x(3, 1, 1000); xt_tst_w(3, 8192, 64); fetch(R);
  for (int r = 0; r < 16; ++r) for (int c = 0; c < 16; ++c) CHECK_EQ("sub.x", R[r][c], (int32_t)((uint32_t)X[r][c] - 1000u));
  xt_sra_x(3, 1, 5); xt_tst_w(3, 8192, 64); fetch(R);
  for (int r = 0; r < 16; ++r) for (int c = 0; c < 16; ++c) CHECK_EQ("sra.x", R[r][c], X[r][c] >> 5);

  /* row max and sum, accumulating into a tile that starts at INT32_MIN / 0 */
  xt_fill(4, (int32_t)0x80000000);
  xt_rmax(4, 2);
  xt_fill(5, 0);
  xt_rsum(5, 2);
  xt_tst_w(4, 8192, 64); fetch(R);
  for (int r = 0; r < 16; ++r) {
    int32_t m = Y[r][0];
    for (int c = 1; c < 16; ++c) m = Y[r][c] > m ? Y[r][c] : m;
    for (int c = 0; c < 16; ++c) CHECK_EQ("rmax", R[r][c], m);
  }
  xt_tst_w(5, 8192, 64); fetch(R);
  for (int r = 0; r < 16; ++r) {
    int32_t sum = 0;
    for (int c = 0; c < 16; ++c) sum += Y[r][c];
    CHECK_EQ("rsum", R[r][3], sum);
  }

  /* requantize Y * 3 >> 4 (round half away from zero) to int8, saturating */
  (void)xt_cfg(XT_CFG_QSHIFT, 4);
  (void)xt_cfg(XT_CFG_ROUND, XT_ROUND_AWAY);
  xt_quant(6, 2, 3);
  xt_tst_b(6, 12288, 16);
  xt_copy(0, Q, 16, 16, 1, 16, 12288, 16, 1);
  for (int r = 0; r < 16; ++r)
    for (int c = 0; c < 16; ++c) {
      int64_t p = (int64_t)Y[r][c] * 3;
      int64_t q = p >= 0 ? (p + 8) >> 4 : -((-p + 8) >> 4);
      if ((p & 15) == 8 && p < 0) q = -((-p + 8) >> 4);
      q = q > 127 ? 127 : q < -128 ? -128 : q;
      CHECK_EQ("quant", Q[r][c], q);
    }
  /* widen back and causal-mask, transpose */
  xt_cvt_w(7, 6);
  xt_mask(7, 7, 0);
  xt_tr(8, 7);
  xt_tst_w(8, 8192, 64); fetch(R);
  for (int r = 0; r < 16; ++r)
    for (int c = 0; c < 16; ++c) CHECK_EQ("mask+tr", R[r][c], r > c ? XT_NEG_INF : Q[c][r]);
  (void)xt_cfg(XT_CFG_QSHIFT, 16);
  return xt_report("vec_ops");
}
