# Start-up for bare RV32 programs: gp, sp, zeroed .bss, then exit(main(0, 0)) - on hart 0, the
# only hart of a one-core chip. On a chip of many cores (chip.cores) the others start at
# _tilesim_secondary with sp at the top of a stack of their own (the simulator sets it: see
# docs/core.md, "Many cores"), run main(0, 0) as well and park in wfi when it returns; hart 0's
# exit ends the run. The others start only once hart 0 has zeroed .bss: it then sets
# __tilesim_go with an AMO, on which they wait (AMOs are ordered in simulated time).
  .section .text.init, "ax"
  .globl _start
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  la sp, __stack_top
  la t0, __bss_start         # both 16-byte aligned (link.ld): four words per iteration
  la t1, __bss_end
  bgeu t0, t1, 2f
1:
  sw zero, 0(t0)
  sw zero, 4(t0)
  sw zero, 8(t0)
  sw zero, 12(t0)
  addi t0, t0, 16
  bltu t0, t1, 1b
2:
  .option push
  .option arch, +a
  la t0, __tilesim_go
  amoswap.w zero, t0, (t0)   # nonzero: .bss is clear
  .option pop
  li a0, 0
  li a1, 0
  call main
  call tilesim_exit
3:
  j 3b

  .globl _tilesim_secondary
_tilesim_secondary:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  .option push
  .option arch, +a
  la t0, __tilesim_go
5:
  amoor.w t1, zero, (t0)
  beqz t1, 5b
  .option pop
  li a0, 0
  li a1, 0
  call main
4:
  wfi
  j 4b

# The runtime's barrier (tilesim_spmd.h): arrivals in this generation, and the generation.
  .section .data
  .balign 8
  .globl __tilesim_barrier
__tilesim_barrier:
  .word 0, 0
__tilesim_go:
  .word 0
