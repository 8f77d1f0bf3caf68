/* GEMV's k-step loops, instantiated by gemv.c once per block size (C has no templates):
     GEMV_TILES  row tiles per block (16: 256-row blocks, 4: 64-row blocks)
     GEMV_SUFFIX the functions' name suffix
   One k step: X tile into XR (tr(ACC) / tr(ACC + 1) by step parity), then per row tile t: W tile
   into the step's W registers, MMA. Full blocks take the lean path (no guards, one pointer bump
   per tile): with ternary weights the MAC array needs a new W tile every 4 cycles, so the core's
   issue rate matters. 16 tiles: W in tr18..31 round robin (32 registers); 4 tiles: W in tr6..9 on
   even steps and tr10..13 on odd ones (14 registers). */
#define T_I8(t, w) xt_tld_b(w, p, wpitch); p += tstride; xt_mma_ss(t, w, XR);
#define T_T2(t, w) xt_tld_t2(w, p, wpitch); p += tstride; xt_mma_t2(t, XR, w);
#if GEMV_TILES == 16
#define XR0 16
#define TILES_EVEN(T)                                                                         \
  T(0, 18) T(1, 19) T(2, 20) T(3, 21) T(4, 22) T(5, 23) T(6, 24) T(7, 25) T(8, 26) T(9, 27) \
  T(10, 28) T(11, 29) T(12, 30) T(13, 31) T(14, 18) T(15, 19)
#define TILES_ODD(T) TILES_EVEN(T)
#else
#define XR0 4
#define TILES_EVEN(T) T(0, 6) T(1, 7) T(2, 8) T(3, 9)
#define TILES_ODD(T) T(0, 10) T(1, 11) T(2, 12) T(3, 13)
#endif
#define G_I8(t, w) if ((t) < tiles) { T_I8(t, w) }
#define G_T2(t, w) if ((t) < tiles) { T_T2(t, w) }

/* ternary is the MMA's second operand: the accumulators then hold [vector][row]. */
#define KSTEP(XR_, LIST, TILE)                     \
  do {                                             \
    uint32_t p = wbuf + ks * wstep;                \
    xt_tld_b(XR_, xbuf + ks * 16u, KC);            \
    enum { XR = XR_ };                             \
    LIST(TILE)                                     \
  } while (0)
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)

/* chunk_i8_N / chunk_t2_N: the k steps of one chunk, full blocks on the lean path. */
#define CHUNK_FN(name, pitch, step, FULL, GUARDED)                                          \
  static void CAT(name, GEMV_TILES)(uint32_t wbuf, uint32_t xbuf, uint32_t ksteps, uint32_t tiles) { \
    const uint32_t wpitch = (pitch), tstride = 16u * (pitch), wstep = (step);               \
    if (tiles == GEMV_TILES) {                                                              \
      for (uint32_t ks = 0; ks < ksteps; ++ks) {                                            \
        if (ks & 1) KSTEP(XR0 + 1, TILES_ODD, FULL); else KSTEP(XR0, TILES_EVEN, FULL);     \
      }                                                                                     \
    } else {                                                                                \
      for (uint32_t ks = 0; ks < ksteps; ++ks) {                                            \
        if (ks & 1) KSTEP(XR0 + 1, TILES_ODD, GUARDED); else KSTEP(XR0, TILES_EVEN, GUARDED); \
      }                                                                                     \
    }                                                                                       \
  }
CHUNK_FN(chunk_i8_, KC, 16, T_I8, G_I8)
CHUNK_FN(chunk_t2_, KC / 4, 4, T_T2, G_T2)

#undef CHUNK_FN
#undef T_I8
#undef T_T2
#undef XR0
#undef TILES_EVEN
#undef TILES_ODD
#undef G_I8
#undef G_T2
#undef KSTEP
