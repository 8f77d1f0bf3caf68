/* The int4 GEMM: kernel.c with A and B int4, packed two per byte (rows of ceil(K/2) bytes, element
   k in byte k/2, low nibble first). The schedule is kernel.c's on byte rows: every 16-byte k step
   is one xt.mma.s4 of 32 elements, at the int8 II on the same array (2x the MACs per cycle).
   Its own ELF, so that the int8 and ternary GEMM binary is unchanged. */
#define GEMM_INT4
#include "kernel.c"
