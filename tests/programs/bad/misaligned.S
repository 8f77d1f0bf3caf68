# Guest program for the bad-input / exit-code CLI tests: misaligned
  .section .text.init, "ax"
  .globl _start
_start:
  la t0, _start
  lw a0, 2(t0)
  li a0, 0
  li a7, 93
  ecall
