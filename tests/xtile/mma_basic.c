/* Xtile end to end: int8 MMAs with all signedness variants, ternary and int4 MMAs, checked
   against plain C. */
#include "xt_common.h"

static int8_t A[16][16], B[16][16];
static uint8_t W[16][4];  /* ternary codes, 2 bits each */
static int32_t C[16][16];
static uint8_t P[16][16], Q[16][16]; /* int4 [16][32], two per byte, low nibble first */

static int nibble(const uint8_t* row, int k) {
  int v = (row[k / 2] >> (4 * (k % 2))) & 15;
  return v >= 8 ? v - 16 : v;
}

static uint32_t rng = 12345;
static uint32_t next(void) { rng = rng * 1664525u + 1013904223u; return rng >> 8; }

static void run_mode(int mode) {
  /* spad: A at 0, B at 256, C at 1024 (int32 rows of 64 B) */
  xt_copy(1, A, 16, 16, 1, 16, 0, 16, 0);
  xt_copy(1, B, 16, 16, 1, 16, 256, 16, 1);
  xt_tld_b(1, 0, 16);
  xt_tld_b(2, 256, 16);
  xt_fill(0, 7);  /* accumulate on top of 7 */
  switch (mode) {
    case 0: xt_mma_ss(0, 1, 2); break;
    case 1: xt_mma_su(0, 1, 2); break;
    case 2: xt_mma_us(0, 1, 2); break;
    case 3: xt_mma_uu(0, 1, 2); break;
  }
  xt_tst_w(0, 1024, 64);
  xt_copy(0, C, 16, 16, 4, 64, 1024, 64, 2);
  for (int m = 0; m < 16; ++m)
    for (int n = 0; n < 16; ++n) {
      int32_t want = 7;
      for (int k = 0; k < 16; ++k) {
        int32_t a = (mode == 2 || mode == 3) ? (int32_t)(uint8_t)A[m][k] : A[m][k];
        int32_t b = (mode == 1 || mode == 3) ? (int32_t)(uint8_t)B[n][k] : B[n][k];
        want += a * b;
      }
      CHECK_EQ("mma", C[m][n], want);
    }
}

int main(void) {
  for (int m = 0; m < 16; ++m)
    for (int k = 0; k < 16; ++k) {
      A[m][k] = (int8_t)next();
      B[m][k] = (int8_t)next();
    }
  A[0][0] = -128; B[0][0] = -128; /* extremes */
  for (int mode = 0; mode < 4; ++mode) run_mode(mode);

  /* Ternary: all four codes appear; code 2 (invalid) counts as 0. */
  for (int n = 0; n < 16; ++n)
    for (int b = 0; b < 4; ++b) W[n][b] = (uint8_t)next();
  xt_copy(1, A, 16, 16, 1, 16, 0, 16, 0);
  xt_copy(1, W, 16, 4, 1, 4, 512, 4, 0);
  xt_tld_b(1, 0, 16);
  xt_tld_t2(3, 512, 4);
  xt_fill(4, 0);
  xt_mma_t2(4, 1, 3);
  xt_tst_w(4, 1024, 64);
  xt_copy(0, C, 16, 16, 4, 64, 1024, 64, 0);
  for (int m = 0; m < 16; ++m)
    for (int n = 0; n < 16; ++n) {
      int32_t want = 0;
      for (int k = 0; k < 16; ++k) {
        int code = (W[n][k / 4] >> (2 * (k % 4))) & 3;
        want += A[m][k] * (code == 1 ? 1 : code == 3 ? -1 : 0);
      }
      CHECK_EQ("mma.t2", C[m][n], want);
    }

  /* int4: 16x16x32 per MMA, loaded as int8 tiles. */
  for (int r = 0; r < 16; ++r)
    for (int b = 0; b < 16; ++b) {
      P[r][b] = (uint8_t)next();
      Q[r][b] = (uint8_t)next();
    }
  P[0][0] = 0x88; Q[0][0] = 0x88; /* -8 x -8 twice */
  xt_copy(1, P, 16, 16, 1, 16, 0, 16, 0);
  xt_copy(1, Q, 16, 16, 1, 16, 256, 16, 1);
  xt_tld_b(5, 0, 16);
  xt_tld_b(6, 256, 16);
  xt_fill(7, -3);
  xt_mma_s4(7, 5, 6);
  xt_tst_w(7, 1024, 64);
  xt_copy(0, C, 16, 16, 4, 64, 1024, 64, 2);
  for (int m = 0; m < 16; ++m)
    for (int n = 0; n < 16; ++n) {
      int32_t want = -3;
      for (int k = 0; k < 32; ++k) want += nibble(P[m], k) * nibble(Q[n], k);
      CHECK_EQ("mma.s4", C[m][n], want);
    }
  CHECK_EQ("int8 MMAs counted", xt_stat(XT_STAT_MMA_INT8), 4);
  CHECK_EQ("ternary MMAs counted", xt_stat(XT_STAT_MMA_TERNARY), 1);
  CHECK_EQ("int4 MMAs counted", xt_stat(XT_STAT_MMA_INT4), 1);
  CHECK_EQ("MACs counted", xt_stat(XT_STAT_MACS), 5 * 4096 + 8192);
  return xt_report("mma_basic");
}
