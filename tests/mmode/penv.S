# A self-checking test in the shape of the official riscv-tests "p" environment: the reset code
# installs a trap vector, runs numbered test cases in M-mode, and ends with `ecall`; the trap
# handler reports the result through tohost (1 = pass, (n << 1) | 1 = test n failed).
# Runs unchanged under qemu-system-riscv32 -M spike and tilesim.
  .section .text.init, "ax"
  .globl _start
_start:
  la t0, trap_vector
  csrw mtvec, t0
  csrwi mie, 0
  li gp, 0                       # TESTNUM

  li gp, 1
  li a0, -7; li a1, 2; div a2, a0, a1; li a3, -3; bne a2, a3, fail
  li gp, 2
  li a0, -7; li a1, 2; rem a2, a0, a1; li a3, -1; bne a2, a3, fail
  li gp, 3
  li a0, 0x80000000; li a1, -1; div a2, a0, a1; bne a2, a0, fail
  li gp, 4
  li a0, 5; li a1, 0; divu a2, a0, a1; li a3, -1; bne a2, a3, fail
  li gp, 5
  li a0, 0x80000000; li a1, 0x80000000; mulh a2, a0, a1; li a3, 0x40000000; bne a2, a3, fail
  li gp, 6
  li a0, -1; li a1, -1; mulhsu a2, a0, a1; li a3, -1; bne a2, a3, fail
  li gp, 7
  li a0, 0x80000000; srai a1, a0, 31; li a3, -1; bne a1, a3, fail
  li gp, 8
  la a0, data; lb a1, 3(a0); li a3, -128; bne a1, a3, fail
  li gp, 9
  la a0, data; lhu a1, 2(a0); li a3, 0x8000; bne a1, a3, fail
  li gp, 10                      # misaligned word load performed (as the ma_data test expects)
  la a0, data; lw a1, 1(a0); li a3, 0x44800000; bne a1, a3, fail
  li gp, 11                      # a trap round trip: ecall with a7 != 93 comes back
  li a7, 1; la t0, after11; csrw mscratch, t0; ecall
after11:
  li gp, 12
  csrr a0, mcause; li a3, 11; bne a0, a3, fail
  li gp, 0
  j pass

fail:
  slli a0, gp, 1
  ori a0, a0, 1
  j write_tohost
pass:
  li a0, 1
write_tohost:
  la t0, tohost
  sw a0, 0(t0)
  sw zero, 4(t0)
1:
  j 1b

  .balign 4
trap_vector:                     # ecall with a7 = 1: return to mscratch; anything else: fail
  csrr t5, mcause
  li t6, 11
  bne t5, t6, fail
  li t6, 1
  bne a7, t6, fail
  csrr t5, mscratch
  csrw mepc, t5
  mret

  .data
  .balign 4
data:
  .word 0x80000000
  .word 0x00000044

  .section .tohost, "aw", @progbits
  .balign 64
  .globl tohost
  .type tohost, @object
  .size tohost, 8
tohost: .dword 0
  .balign 64
  .globl fromhost
  .type fromhost, @object
  .size fromhost, 8
fromhost: .dword 0
