# custom-0 with a funct7 no Xtile row uses: an illegal instruction.
  .section .text.init, "ax"
  .globl _start
_start:
  .insn r 0x0b, 0, 0x7f, x1, x2, x3
