# Guest program for the bad-input / exit-code CLI tests: load_oob
  .section .text.init, "ax"
  .globl _start
_start:
  li t0, 0x10
  lw a0, 0(t0)
