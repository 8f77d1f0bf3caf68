# Guest program for the bad-input / exit-code CLI tests: illegal
  .section .text.init, "ax"
  .globl _start
_start:
  .word 0xffffffff
