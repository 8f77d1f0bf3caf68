/* Names tile tr20: a fault on a chip configured with fewer tile registers. */
#include "xtile.h"
int main(void) {
  xt_fill(20, 1);
  xt_fence();
  return 0;
}
