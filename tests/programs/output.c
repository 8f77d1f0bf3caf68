/* printf-style output through the write host call, both streams, and a nonzero exit code. */
#include <stdint.h>
#include <stdio.h>

#include "tilesim_rt.h"

int main(void) {
  printf("int %d %i %u neg %d\n", 42, -17, 4000000000u, -2147483647 - 1);
  printf("hex %x %X %08x %#x oct %o\n", 0xbeefu, 0xbeefu, 0x1234u, 255u, 8u);
  printf("width [%5d] [%-5d] [%05d] [%+d] [% d]\n", 42, 42, 42, 42, 42);
  printf("str [%s] [%10s] [%-10s] [%.3s] char %c%c\n", "tile", "tile", "tile", "tilesim", 'o', 'k');
  printf("long %ld %lu %lld %llu %llx\n", -123456789L, 4000000000UL, -1234567890123LL, 18446744073709551615ULL,
         0x0123456789abcdefULL);
  printf("percent %% done\n");
  static const char err_msg[] = "to stderr\n";
  tilesim_flush();
  tilesim_write(2, err_msg, sizeof err_msg - 1);
  for (int i = 0; i < 40; ++i) printf("%d%c", i * i, i % 10 == 9 ? '\n' : ' ');
  return 42;
}
