/* A tile load whose last row lies past the end of the 256 KiB scratchpad. */
#include "xtile.h"
int main(void) {
  xt_tld_b(1, 256 * 1024 - 64, 16);
  xt_fence();
  return 0;
}
