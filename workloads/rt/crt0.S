# Start-up for bare RV32 programs: gp, sp, zeroed .bss, then exit(main(0, 0)).
  .section .text.init, "ax"
  .globl _start
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  la sp, __stack_top
  la t0, __bss_start
  la t1, __bss_end
1:
  bgeu t0, t1, 2f
  sw zero, 0(t0)
  addi t0, t0, 4
  j 1b
2:
  li a0, 0
  li a1, 0
  call main
  call tilesim_exit
3:
  j 3b
