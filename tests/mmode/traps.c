/* M-mode traps, CSRs and U-mode, compared between tilesim and qemu-system-riscv32 -M spike.
   Prints only what the privileged spec fixes for an M+U RV32IM hart (masks out the parts where
   qemu's rv32gc+S hart legitimately differs: C-extension mepc bit 1, S-mode fields, extra misa bits). */
#include <stdint.h>
#include <stdio.h>

#define CSR_READ(name) ({ uint32_t v_; __asm__ volatile("csrr %0, " #name : "=r"(v_)); v_; })
#define CSR_WRITE(name, v) __asm__ volatile("csrw " #name ", %0" ::"r"(v))

void trap_entry(void);
void run_in_user(void (*fn)(void));

volatile uint32_t resume_m, traps, last_cause, last_tval, last_epc;

void trap_c(uint32_t* regs) {
  const uint32_t cause = CSR_READ(mcause);
  if (cause == 8 && regs[17] == 0x5e7) { /* run_in_user's way back: not counted */
    uint32_t st = CSR_READ(mstatus);
    st |= 3u << 11; /* return to M */
    CSR_WRITE(mstatus, st);
    CSR_WRITE(mepc, resume_m);
    return;
  }
  last_cause = cause;
  last_tval = CSR_READ(mtval);
  last_epc = CSR_READ(mepc);
  ++traps;
  CSR_WRITE(mepc, last_epc + 4);
}

static void report(const char* what) {
  printf("%-22s traps=%lu cause=%lu tval=%08lx\n", what, (unsigned long)traps, (unsigned long)last_cause,
         (unsigned long)last_tval);
}

static void user_ecall(void) { __asm__ volatile("li a7, 1\n ecall" ::: "a7", "a0"); }
static void user_csr(void) { (void)CSR_READ(mstatus); }
static void user_cycle(void) { (void)CSR_READ(cycle); }
static void user_mret(void) { __asm__ volatile("mret"); }
static volatile uint32_t user_sum;
static void user_compute(void) {
  for (uint32_t i = 1; i <= 100; ++i) user_sum += i * i;
}

int main(void) {
  CSR_WRITE(mtvec, (uint32_t)&trap_entry);
  /* Let U-mode reach all memory where PMP exists (qemu); tilesim has zero PMP entries, whose
     CSRs read as zero and ignore writes. */
  CSR_WRITE(pmpaddr0, 0xffffffffu);
  CSR_WRITE(pmpcfg0, 0x1fu); /* NAPOT, R W X */
  printf("mtvec ok: %d\n", CSR_READ(mtvec) == (uint32_t)&trap_entry);
  printf("misa MXL=%lu I=%lu M=%lu U=%lu\n", (unsigned long)(CSR_READ(misa) >> 30), (unsigned long)((CSR_READ(misa) >> 8) & 1),
         (unsigned long)((CSR_READ(misa) >> 12) & 1), (unsigned long)((CSR_READ(misa) >> 20) & 1));
  printf("mhartid=%lu\n", (unsigned long)CSR_READ(mhartid));
  CSR_WRITE(mscratch, 0xdeadbeef);
  printf("mscratch=%08lx\n", (unsigned long)CSR_READ(mscratch));
  CSR_WRITE(mstatus, (3u << 11) | (1u << 7));
  printf("mstatus&0x1888=%04lx\n", (unsigned long)(CSR_READ(mstatus) & 0x1888));
  CSR_WRITE(mstatus, 0);
  printf("mstatus&0x1888=%04lx\n", (unsigned long)(CSR_READ(mstatus) & 0x1888));

  __asm__ volatile(".word 0xffffffff");
  report("illegal .word");
  __asm__ volatile(".word 0x7c002573"); /* csrr a0, 0x7c0: no such CSR */
  report("missing CSR");
  __asm__ volatile("csrw mhartid, zero");
  report("write read-only CSR");
  __asm__ volatile("ecall");
  report("ecall from M");
  __asm__ volatile("ebreak");
  printf("%-22s traps=%lu cause=%lu tval is 0 or pc: %d\n", "ebreak", (unsigned long)traps,
         (unsigned long)last_cause, last_tval == 0 || last_tval == last_epc);
  static volatile uintptr_t nowhere_addr = 0x100; /* not a constant: no out-of-bounds warning */
  volatile uint32_t* nowhere = (volatile uint32_t*)nowhere_addr;
  (void)*nowhere;
  report("load outside memory");
  *nowhere = 1;
  report("store outside memory");

  run_in_user(user_compute);
  printf("user compute sum=%lu traps=%lu\n", (unsigned long)user_sum, (unsigned long)traps);
  printf("mstatus.MPP after return=%lu\n", (unsigned long)((CSR_READ(mstatus) >> 11) & 3));
  run_in_user(user_ecall);
  report("ecall from U");
  run_in_user(user_csr);
  report("csrr mstatus in U");
  run_in_user(user_cycle);
  report("rdcycle in U, no cnten");
  run_in_user(user_mret);
  report("mret in U");

  /* mret restores MIE from MPIE and sets MPIE, MPP to U. */
  CSR_WRITE(mstatus, (3u << 11) | (1u << 7));
  __asm__ volatile("la t0, 1f\n csrw mepc, t0\n mret\n 1:" ::: "t0");
  printf("after mret: MIE=%lu MPIE=%lu MPP=%lu\n", (unsigned long)((CSR_READ(mstatus) >> 3) & 1),
         (unsigned long)((CSR_READ(mstatus) >> 7) & 1), (unsigned long)((CSR_READ(mstatus) >> 11) & 3));
  CSR_WRITE(mstatus, 0);
  return traps == 11 ? 0 : 9;
}
