# Guest program for the bad-input / exit-code CLI tests: store_oob
  .section .text.init, "ax"
  .globl _start
_start:
  li t0, 0x7ffffffc
  sw a0, 0(t0)
