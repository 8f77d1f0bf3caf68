#include "wl.h"

/* In .data, not .bss: crt0 zeroes .bss after the host has written the block. */
volatile tilesim_args_t tilesim_args __attribute__((aligned(64), section(".data.tilesim_args")));
