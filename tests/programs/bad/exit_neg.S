# Guest program for the bad-input / exit-code CLI tests: exit_neg
  .section .text.init, "ax"
  .globl _start
_start:
  li a0, -1
  li a7, 93
  ecall
