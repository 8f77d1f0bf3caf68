/* Many cores synchronising: every core runs this program (SPMD). Checks, on any core count:
   - the barrier (every core's writes before it are seen by every core after it, rounds apart);
   - amoadd.w from all cores on one counter (no update lost);
   - an lr.w/sc.w increment loop from all cores on another (sc.w fails when another core's store
     broke the reservation, and the loop retries: again no update lost);
   - mhartid (tilesim_core) is 0..cores-1, each once, and XT_INFO_CORES is the core count;
   - tilesim_split covers 0..n-1 exactly once, in core order, balanced.
   Core 0 prints the verdict; the exit code is 0 only when everything held. */
#include <stdint.h>
#include <stdio.h>

#include "tilesim_spmd.h"

#define MAX_CORES 256
#define ROUNDS 4
#define INCS 50

static volatile uint32_t seen[MAX_CORES];      /* core i writes seen[i] */
static volatile uint32_t board[ROUNDS][MAX_CORES];
static volatile uint32_t amo_counter, lrsc_counter, id_mask[MAX_CORES / 32];
static volatile uint32_t split_hits[1000];
static volatile uint32_t errors;

static void lrsc_increment(volatile uint32_t* p) {
  uint32_t old, fail;
  do {
    __asm__ volatile("lr.w %0, (%2)\n\taddi %0, %0, 1\n\tsc.w %1, %0, (%2)" : "=&r"(old), "=&r"(fail) : "r"(p) : "memory");
  } while (fail);
}

int main(void) {
  const uint32_t me = tilesim_core(), n = tilesim_cores();
  if (n == 0 || n > MAX_CORES || me >= n) return 3;
  __atomic_fetch_or(&id_mask[me / 32], 1u << (me % 32), __ATOMIC_RELAXED);
  seen[me] = me + 1;
  tilesim_barrier();
  for (uint32_t r = 0; r < ROUNDS; ++r) {
    board[r][me] = (r + 1) * 1000 + me;
    for (uint32_t i = 0; i < INCS; ++i) {
      __atomic_fetch_add(&amo_counter, 1, __ATOMIC_RELAXED);
      lrsc_increment(&lrsc_counter);
    }
    tilesim_barrier();
    /* Every core checks the whole board of this round (written by all before the barrier). */
    for (uint32_t c = 0; c < n; ++c)
      if (board[r][c] != (r + 1) * 1000 + c || seen[c] != c + 1) __atomic_fetch_add(&errors, 1, __ATOMIC_RELAXED);
  }
  uint32_t b, e;
  tilesim_split(1000, me, n, &b, &e);
  for (uint32_t i = b; i < e; ++i) __atomic_fetch_add(&split_hits[i], 1, __ATOMIC_RELAXED);
  uint32_t pb, pe;  /* contiguous, in core order */
  if (me > 0) {
    tilesim_split(1000, me - 1, n, &pb, &pe);
    if (pe != b) __atomic_fetch_add(&errors, 1, __ATOMIC_RELAXED);
  }
  if (e - b > 1000 / n + 1 || e - b < 1000 / n) __atomic_fetch_add(&errors, 1, __ATOMIC_RELAXED);
  tilesim_barrier();
  if (me != 0) return 0;
  uint32_t bad = errors;
  const uint32_t want = n * ROUNDS * INCS;
  if (amo_counter != want) ++bad;
  if (lrsc_counter != want) ++bad;
  for (uint32_t i = 0; i < 1000; ++i)
    if (split_hits[i] != 1) ++bad;
  uint32_t ids = 0;
  for (uint32_t w = 0; w < MAX_CORES / 32; ++w) ids += __builtin_popcount(id_mask[w]);
  if (ids != n) ++bad;
  printf("spmd sync: %s cores=%lu amo=%lu lrsc=%lu errors=%lu\n", bad ? "FAIL" : "PASS", (unsigned long)n,
         (unsigned long)amo_counter, (unsigned long)lrsc_counter, (unsigned long)bad);
  return bad ? 1 : 0;
}
