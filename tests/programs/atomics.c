/* RV32A against qemu-riscv32: every C11 atomic read-modify-write the compiler maps to amo*.w
   (fetch_add/sub/and/or/xor, exchange, signed and unsigned min/max via builtins where GCC has
   them), compare-exchange (an lr.w/sc.w loop), and a hand-written lr.w/sc.w sequence, on values
   at the edges (wrap, sign). Prints a line per step; qemu and tilesim must print the same. */
#include <stdint.h>
#include <stdio.h>

static volatile uint32_t cell;
static volatile int32_t scell;

static uint32_t lrsc_add(volatile uint32_t* p, uint32_t v) {
  uint32_t old, fail;
  do {
    __asm__ volatile("lr.w %0, (%2)\n\tadd t0, %0, %3\n\tsc.w %1, t0, (%2)" : "=&r"(old), "=&r"(fail) : "r"(p), "r"(v) : "t0", "memory");
  } while (fail);
  return old;
}

static uint32_t sc_without_lr(volatile uint32_t* p, uint32_t v) {
  uint32_t fail;
  __asm__ volatile("sc.w %0, %2, (%1)" : "=&r"(fail) : "r"(p), "r"(v) : "memory");
  return fail;
}

int main(void) {
  const uint32_t vals[] = {0, 1, 0x7fffffffu, 0x80000000u, 0xffffffffu, 0x12345678u};
  for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; ++i) {
    for (unsigned j = 0; j < sizeof vals / sizeof vals[0]; ++j) {
      const uint32_t a = vals[i], b = vals[j];
      uint32_t r[8], m[8];
      cell = a; r[0] = __atomic_fetch_add(&cell, b, __ATOMIC_SEQ_CST); m[0] = cell;
      cell = a; r[1] = __atomic_fetch_and(&cell, b, __ATOMIC_ACQUIRE); m[1] = cell;
      cell = a; r[2] = __atomic_fetch_or(&cell, b, __ATOMIC_RELEASE); m[2] = cell;
      cell = a; r[3] = __atomic_fetch_xor(&cell, b, __ATOMIC_RELAXED); m[3] = cell;
      cell = a; r[4] = __atomic_exchange_n(&cell, b, __ATOMIC_ACQ_REL); m[4] = cell;
      cell = a; uint32_t expect = a;
      r[5] = __atomic_compare_exchange_n(&cell, &expect, b, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); m[5] = cell;
      cell = a; expect = a + 1;
      r[6] = __atomic_compare_exchange_n(&cell, &expect, b, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); m[6] = cell ^ expect;
      cell = a; r[7] = lrsc_add(&cell, b); m[7] = cell;
      scell = (int32_t)a;
      int32_t smin;
      __asm__ volatile("amomin.w %0, %2, (%1)" : "=r"(smin) : "r"(&scell), "r"(b) : "memory");
      const int32_t after_min = scell;
      cell = a;
      uint32_t umax;
      __asm__ volatile("amomaxu.w.aqrl %0, %2, (%1)" : "=r"(umax) : "r"(&cell), "r"(b) : "memory");
      printf("%08lx %08lx:", (unsigned long)a, (unsigned long)b);
      for (int k = 0; k < 8; ++k) printf(" %08lx/%08lx", (unsigned long)r[k], (unsigned long)m[k]);
      printf(" min %08lx max %08lx\n", (unsigned long)(uint32_t)after_min, (unsigned long)cell);
      (void)smin; (void)umax;
    }
  }
  printf("sc.w without lr.w fails: %lu\n", (unsigned long)sc_without_lr(&cell, 5));
  return 0;
}
