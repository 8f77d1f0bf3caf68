# Guest program for the bad-input CLI tests: a workload "kernel" whose tilesim_args symbol is
# only 16 bytes; the host driver must refuse to write its 256-byte block there.
  .section .text.init, "ax"
  .globl _start
_start:
  la t0, tilesim_args  # referenced, so --gc-sections keeps it
  li a0, 0
  li a7, 93
  ecall
  .data
  .globl tilesim_args
  .type tilesim_args, @object
  .size tilesim_args, 16
tilesim_args:
  .zero 16
