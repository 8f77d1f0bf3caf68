# Guest program for the bad-input / exit-code CLI tests: ebreak
  .section .text.init, "ax"
  .globl _start
_start:
  ebreak
