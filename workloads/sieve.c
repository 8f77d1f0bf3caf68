/* Demo workload for the scalar core: sieve of Eratosthenes up to 200000, a checksum of the
   primes, and a self-check against known values (exit code 0 = correct). */
#include <stdint.h>
#include <stdio.h>

#define N 200000
static uint8_t composite[N + 1];

int main(void) {
  uint32_t count = 0, sum = 0, last = 0;
  for (uint32_t i = 2; i <= N; ++i) {
    if (composite[i]) continue;
    ++count;
    sum = sum * 31u + i;
    last = i;
    for (uint32_t j = i * 2; j <= N; j += i) composite[j] = 1;
  }
  printf("primes <= %d: %lu, largest %lu, checksum 0x%08lx\n", N, (unsigned long)count,
         (unsigned long)last, (unsigned long)sum);
  /* pi(200000) = 17984 and the largest prime below 200000 is 199999. */
  return (count == 17984 && last == 199999) ? 0 : 1;
}
