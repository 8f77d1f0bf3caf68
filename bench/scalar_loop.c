/* Compute-bound RV32IM loop for the scalar speed benchmark: ~1e9 instructions of ALU work,
   multiplies, loads/stores and branches (an LCG filling and mixing a small table). */
#include <stdint.h>
#include <stdio.h>

#ifndef ITERS
#define ITERS 50000000u /* ~20 instructions per iteration */
#endif

static uint32_t table[256];

int main(void) {
  uint32_t x = 12345, acc = 0;
  for (uint32_t i = 0; i < ITERS; ++i) {
    x = x * 1664525u + 1013904223u;
    uint32_t k = x >> 24;
    uint32_t v = table[k] + (x ^ (acc >> 3));
    table[k] = v;
    acc += (v & 1) ? v : (v >> 1);
    if (acc & 0x80000000u) acc ^= 0x5bd1e995u;
  }
  printf("acc=0x%08lx\n", (unsigned long)acc);
  return 0;
}
