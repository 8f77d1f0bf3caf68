/* A tile load whose last row lies past the end of the 256 KiB scratchpad, at the end of a run
   of tile loads and MMAs with nothing in between. The run executes twice: the first pass
   decodes it (and its last load is in bounds), the second goes through the hart's loop for
   such runs, which must still report the fault for this instruction, at its pc. */
#include "xtile.h"
int main(void) {
  for (uint32_t last = 512; last < 256u * 1024; last = 256u * 1024 - 64) {
    __asm__ volatile(
        ".insn r 0x2b, 3, 0x00, x2, %0, %3\n\t"  /* xt.tld.b tr2, (0), 16 */
        ".insn r 0x0b, 0, 0x00, x3, x2, x2\n\t"  /* xt.mma.ss tr3, tr2, tr2 */
        ".insn r 0x2b, 3, 0x00, x4, %1, %3\n\t"  /* xt.tld.b tr4, (256), 16 */
        ".insn r 0x2b, 3, 0x00, x1, %2, %3"      /* xt.tld.b tr1, (last), 16 */
        ::"r"(0u), "r"(256u), "r"(last), "r"(16u) : "memory");
  }
  xt_fence();
  return 0;
}
