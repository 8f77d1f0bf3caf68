/* SPMD runtime: every core of the chip runs the same program (crt0.S starts hart 0 at _start,
   the others at _tilesim_secondary). A core's number, the core count, a barrier and a balanced
   split of work. Needs the A extension (compile rv32ima). */
#ifndef TILESIM_SPMD_H
#define TILESIM_SPMD_H
#include <stdint.h>

#include "xtile.h"

#ifdef __cplusplus
extern "C" {
#endif

/** This core's number, 0 .. tilesim_cores() - 1 (mhartid). */
static inline uint32_t tilesim_core(void) {
  uint32_t v;
  __asm__ volatile("csrr %0, mhartid" : "=r"(v));
  return v;
}

/** Cores on the chip (the tile unit's XT_INFO_CORES). */
static inline uint32_t tilesim_cores(void) { return xt_cfgr(XT_INFO_CORES); }

/** Shared by all cores (crt0.S): arrivals of the current generation, and the generation. */
extern volatile uint32_t __tilesim_barrier[2];

/** Waits until all `cores` cores have called it (every core passes the same count). All memory
    accesses before it, on every core, happen before any after it: it synchronises through AMOs
    and LR (the simulator orders them in simulated time across cores); a waiting core sleeps in
    wrs.nto (Zawrs) until the last arrival's AMO wakes it. */
static inline void tilesim_barrier_n(uint32_t cores) {
  volatile uint32_t* const count = &__tilesim_barrier[0];
  volatile uint32_t* const gen = &__tilesim_barrier[1];
  const uint32_t g = __atomic_fetch_add(gen, 0, __ATOMIC_ACQUIRE);  /* cannot move before all arrive */
  if (__atomic_fetch_add(count, 1, __ATOMIC_ACQ_REL) == cores - 1) {
    (void)__atomic_exchange_n(count, 0, __ATOMIC_RELAXED);
    __atomic_fetch_add(gen, 1, __ATOMIC_RELEASE);  /* releases the others */
  } else {
    /* Zawrs: reserve the generation word and wait (wrs.nto) until another core's store ends the
       reservation - the last arrival's AMO - instead of spinning. */
    for (;;) {
      uint32_t v;
      __asm__ volatile("lr.w.aq %0, (%1)" : "=r"(v) : "r"(gen) : "memory");
      if (v != g) break;
      __asm__ volatile(".word 0x00d00073" ::: "memory"); /* wrs.nto */
    }
    volatile uint32_t elsewhere = 0; /* end the reservation: an sc.w to another word fails, storing nothing */
    uint32_t failed;
    __asm__ volatile("sc.w %0, zero, (%1)" : "=r"(failed) : "r"(&elsewhere) : "memory");
    (void)failed;
  }
}
static inline void tilesim_barrier(void) { tilesim_barrier_n(tilesim_cores()); }

/** The share [*begin, *end) of `n` items of core `core` of `cores`: contiguous, balanced (sizes
    differ by at most one; the first n % cores cores take one more), in core order. */
static inline void tilesim_split(uint32_t n, uint32_t core, uint32_t cores, uint32_t* begin, uint32_t* end) {
  uint32_t q = n / cores;
  __asm__("" : "+r"(q)); /* keeps GCC from turning n - q * cores back into a second divide (34 cycles) */
  const uint32_t r = n - q * cores;
  *begin = core * q + (core < r ? core : r);
  *end = *begin + q + (core < r ? 1 : 0);
}

/** A kernel's per-core state without passing pointers around: at file scope
      TILESIM_PER_CORE(my_state, CS);   then in main:   my_state st; CS = &st;
    and CS->field anywhere in the file. CS lives in tp (x4), which this bare-metal ABI leaves
    unused (no thread-local storage): each core has its own. */
#define TILESIM_PER_CORE(type, name) register type* name __asm__("tp")

#ifdef __cplusplus
}
#endif
#endif
