/* CRC-32 (bitwise and table), Adler-32 and FNV-1a over generated data. */
#include <stdint.h>
#include <stdio.h>

static uint8_t data[20000];
static uint32_t table[256];

int main(void) {
  uint32_t x = 1;
  for (unsigned i = 0; i < sizeof data; ++i) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; data[i] = (uint8_t)x; }
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  uint32_t crc_t = ~0u, crc_b = ~0u, a = 1, b = 0, fnv = 2166136261u;
  for (unsigned i = 0; i < sizeof data; ++i) {
    crc_t = table[(crc_t ^ data[i]) & 0xff] ^ (crc_t >> 8);
    crc_b ^= data[i];
    for (int k = 0; k < 8; ++k) crc_b = (crc_b >> 1) ^ (0xedb88320u & -(crc_b & 1));
    a = (a + data[i]) % 65521u;
    b = (b + a) % 65521u;
    fnv = (fnv ^ data[i]) * 16777619u;
  }
  printf("crc32=%08lx crc32b=%08lx adler32=%08lx fnv1a=%08lx\n", (unsigned long)~crc_t, (unsigned long)~crc_b,
         (unsigned long)((b << 16) | a), (unsigned long)fnv);
  return crc_t == crc_b ? 0 : 1;
}
