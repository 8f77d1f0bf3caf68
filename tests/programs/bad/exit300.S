# Guest program for the bad-input / exit-code CLI tests: exit300
  .section .text.init, "ax"
  .globl _start
_start:
  li a0, 300
  li a7, 93
  ecall
