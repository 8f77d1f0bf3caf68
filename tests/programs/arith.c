/* Integer arithmetic edge cases: overflow, division, shifts, multiplies of every width. */
#include <stdint.h>
#include <stdio.h>

static volatile int32_t sv[] = {0, 1, -1, 2, -2, 7, -7, INT32_MAX, INT32_MIN, 12345, -98765, 0x55555555};
#define NSV (sizeof sv / sizeof sv[0])

int main(void) {
  uint32_t h = 2166136261u;
#define MIX(x) (h = (h ^ (uint32_t)(x)) * 16777619u)
  for (unsigned i = 0; i < NSV; ++i) {
    for (unsigned j = 0; j < NSV; ++j) {
      int32_t a = sv[i], b = sv[j];
      uint32_t ua = (uint32_t)a, ub = (uint32_t)b;
      MIX(ua + ub); MIX(ua - ub); MIX(ua * ub);
      MIX((uint32_t)(((int64_t)a * (int64_t)b) >> 32));
      MIX((uint32_t)(((uint64_t)ua * (uint64_t)ub) >> 32));
      MIX((uint32_t)(((int64_t)a * (int64_t)(uint64_t)ub) >> 32));
      /* C division by zero / overflow is undefined: compute the RISC-V answers explicitly. */
      int32_t q = b == 0 ? -1 : (a == INT32_MIN && b == -1) ? a : a / b;
      int32_t r = b == 0 ? a : (a == INT32_MIN && b == -1) ? 0 : a % b;
      MIX(q); MIX(r);
      MIX(ub ? ua / ub : 0xffffffffu); MIX(ub ? ua % ub : ua);
      MIX(ua << (ub & 31)); MIX(ua >> (ub & 31)); MIX((uint32_t)(a >> (ub & 31)));
      MIX(a < b); MIX(ua < ub);
    }
    printf("row %2u: a=%11ld h=%08lx\n", i, (long)sv[i], (unsigned long)h);
  }
  /* 64-bit arithmetic through libgcc helpers. */
  volatile uint64_t x = 0x123456789abcdef0ull, y = 0xfedcba987ull;
  printf("u64: %llx %llx %llx %llx\n", (unsigned long long)(x * y), (unsigned long long)(x / y),
         (unsigned long long)(x % y), (unsigned long long)(x >> 37));
  volatile int64_t sx = -0x123456789abcll, sy = 777;
  printf("s64: %lld %lld %lld\n", (long long)(sx / sy), (long long)(sx % sy), (long long)(sx * sy));
  printf("final %08lx\n", (unsigned long)h);
  return (int)(h & 0x7f);
}
