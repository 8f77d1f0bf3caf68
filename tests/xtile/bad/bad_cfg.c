/* Sets the tile row tail to 17 (valid: 1..16). */
#include "xtile.h"
int main(void) {
  (void)xt_cfg(XT_CFG_ROWS, 17);
  return 0;
}
