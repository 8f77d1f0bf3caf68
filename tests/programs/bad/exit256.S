# Guest program for the bad-input / exit-code CLI tests: exit256
  .section .text.init, "ax"
  .globl _start
_start:
  li a0, 256
  li a7, 93
  ecall
