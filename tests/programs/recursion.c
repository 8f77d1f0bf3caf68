/* Deep and mutual recursion: fib, Ackermann, Towers of Hanoi, mutual even/odd. */
#include <stdint.h>
#include <stdio.h>

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static uint32_t ack(uint32_t m, uint32_t n) { return m == 0 ? n + 1 : n == 0 ? ack(m - 1, 1) : ack(m - 1, ack(m, n - 1)); }
static uint32_t moves;
static void hanoi(int n, int a, int b, int c) { if (n) { hanoi(n - 1, a, c, b); ++moves; hanoi(n - 1, c, b, a); } }
static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

int main(void) {
  printf("fib(24)=%lu\n", (unsigned long)fib(24));
  printf("ack(2,3)=%lu ack(3,4)=%lu\n", (unsigned long)ack(2, 3), (unsigned long)ack(3, 4));
  hanoi(16, 1, 2, 3);
  printf("hanoi(16) moves=%lu\n", (unsigned long)moves);
  printf("even(3001)=%d odd(3001)=%d\n", is_even(3001), is_odd(3001));
  return fib(10) == 55 ? 0 : 1;
}
