/* Sorting LCG data three ways (quicksort, merge sort, heap sort) and checking they agree. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 3000
static int32_t a[N], b[N], c[N], tmp[N];

static void quick(int32_t* v, int lo, int hi) {
  while (lo < hi) {
    int32_t p = v[(lo + hi) / 2];
    int i = lo, j = hi;
    while (i <= j) {
      while (v[i] < p) ++i;
      while (v[j] > p) --j;
      if (i <= j) { int32_t t = v[i]; v[i] = v[j]; v[j] = t; ++i; --j; }
    }
    if (j - lo < hi - i) { quick(v, lo, j); lo = i; } else { quick(v, i, hi); hi = j; }
  }
}
static void merge(int32_t* v, int n) {
  if (n < 2) return;
  int m = n / 2;
  merge(v, m); merge(v + m, n - m);
  int i = 0, j = m, k = 0;
  while (i < m && j < n) tmp[k++] = v[i] <= v[j] ? v[i++] : v[j++];
  while (i < m) tmp[k++] = v[i++];
  while (j < n) tmp[k++] = v[j++];
  memcpy(v, tmp, (size_t)n * sizeof *v);
}
static void sift(int32_t* v, int i, int n) {
  for (;;) {
    int l = 2 * i + 1, big = i;
    if (l < n && v[l] > v[big]) big = l;
    if (l + 1 < n && v[l + 1] > v[big]) big = l + 1;
    if (big == i) return;
    int32_t t = v[i]; v[i] = v[big]; v[big] = t; i = big;
  }
}
static void heap(int32_t* v, int n) {
  for (int i = n / 2 - 1; i >= 0; --i) sift(v, i, n);
  for (int e = n - 1; e > 0; --e) { int32_t t = v[0]; v[0] = v[e]; v[e] = t; sift(v, 0, e); }
}

int main(void) {
  uint32_t x = 2024;
  for (int i = 0; i < N; ++i) { x = x * 1103515245u + 12345u; a[i] = b[i] = c[i] = (int32_t)x >> 3; }
  quick(a, 0, N - 1); merge(b, N); heap(c, N);
  int sorted = 1;
  uint32_t h = 0;
  for (int i = 0; i < N; ++i) {
    if (i && a[i - 1] > a[i]) sorted = 0;
    if (a[i] != b[i] || a[i] != c[i]) sorted = 0;
    h = h * 33 + (uint32_t)a[i];
  }
  printf("sorted=%d min=%ld max=%ld median=%ld hash=%08lx\n", sorted, (long)a[0], (long)a[N - 1], (long)a[N / 2], (unsigned long)h);
  return sorted ? 0 : 1;
}
