/* The argument block: the magic word, the workload's id, then the workload's own C struct
   (workloads/NAME/args.h), shared by its kernel (C, on the guest) and its host driver (C++): the
   driver fills the struct, writes it into the kernel's `tilesim_args` symbol, and the kernel
   reads it back. Your own kernel runs under a workload's driver and golden check
   (`tilesim run --workload gemm --elf my_gemm.elf`) when it reads the same struct
   (docs/examples.md). Addresses are guest DRAM addresses; sizes are elements. */
#ifndef TILESIM_WL_ARGS_H
#define TILESIM_WL_ARGS_H
#include <stdint.h>

#define WL_MAGIC 0x454c4954u /* "TILE" */

/* The block in guest memory: magic, workload id, then the workload's struct. */
typedef struct {
  uint32_t magic;
  uint32_t workload;
  uint32_t w[62];
} tilesim_args_t;
#endif
