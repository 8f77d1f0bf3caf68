# Guest program for the bad-input / exit-code CLI tests: runaway
  .section .text.init, "ax"
  .globl _start
_start:
  1: j 1b
