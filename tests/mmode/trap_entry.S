# Trap entry for the M-mode tests: saves x1..x31 in a frame, calls trap_c(frame), restores, mret.
  .text
  .globl trap_entry
  .balign 4
trap_entry:
  addi sp, sp, -128
  .irp r, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  sw x\r, (4*\r)(sp)
  .endr
  mv a0, sp
  call trap_c
  .irp r, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  lw x\r, (4*\r)(sp)
  .endr
  addi sp, sp, 128
  mret

# run_in_user(fn): runs fn() in U-mode; fn's return executes `ecall` with a7 = 0x5e7, which the
# trap handler turns into a return to M-mode at user_return.
  .globl run_in_user
run_in_user:
  addi sp, sp, -16
  sw ra, 12(sp)
  la t0, user_return
  la t1, resume_m
  sw t0, 0(t1)
  csrw mepc, a0
  li t0, 0x1800
  csrc mstatus, t0
  la ra, user_exit
  mret
user_exit:
  li a7, 0x5e7
  ecall
user_return:
  lw ra, 12(sp)
  addi sp, sp, 16
  ret
