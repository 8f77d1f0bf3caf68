# Guest program for the bad-input CLI tests: an entry point 2 bytes into the code (ELF header
# edited by the symbol below: ENTRY(_start) names a half-word address).
  .section .text.init, "ax"
  .globl _start
  .set _start, code + 2
code:
  nop
  nop
