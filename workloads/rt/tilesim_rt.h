/* Runtime for guest programs: exit and write host calls (ecall, Linux numbering, so the same
   ELF runs under qemu-riscv32), plus a buffered stdout for picolibc's printf. */
#ifndef TILESIM_RT_H
#define TILESIM_RT_H

#ifdef __cplusplus
extern "C" {
#endif

/** Raw host call: a7 = nr, a0..a2 = arguments; returns a0. */
static inline long tilesim_syscall3(long nr, long a0, long a1, long a2) {
  register long r_a0 __asm__("a0") = a0;
  register long r_a1 __asm__("a1") = a1;
  register long r_a2 __asm__("a2") = a2;
  register long r_a7 __asm__("a7") = nr;
  __asm__ volatile("ecall" : "+r"(r_a0) : "r"(r_a1), "r"(r_a2), "r"(r_a7) : "memory");
  return r_a0;
}

/** write(2): fd 1 = host stdout, 2 = host stderr. Returns bytes written or -errno. */
static inline long tilesim_write(int fd, const void* buf, unsigned long len) {
  return tilesim_syscall3(64, fd, (long)buf, (long)len);
}

/** Flush buffered printf output and end the program with `code`. */
void tilesim_exit(int code) __attribute__((noreturn));

/** Flush printf's buffer now. */
void tilesim_flush(void);

#ifdef __cplusplus
}
#endif

#endif
