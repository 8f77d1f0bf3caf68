/* Loads and stores of every width, signed and unsigned, aligned and misaligned; memcpy/memset. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint8_t buf[512];

struct __attribute__((packed)) P {
  uint8_t c;
  uint32_t w;
  int16_t h;
  uint16_t uh;
  int8_t sb;
};

int main(void) {
  for (unsigned i = 0; i < sizeof buf; ++i) buf[i] = (uint8_t)(i * 37 + 11);
  uint32_t h = 0;
  for (unsigned off = 0; off < 64; ++off) {
    int8_t b; int16_t s; uint16_t us; int32_t w;
    memcpy(&b, buf + off, 1); memcpy(&s, buf + off, 2); memcpy(&us, buf + off, 2); memcpy(&w, buf + off, 4);
    h = h * 31 + (uint32_t)b; h = h * 31 + (uint32_t)s; h = h * 31 + us; h = h * 31 + (uint32_t)w;
  }
  volatile struct P p[8];
  for (int i = 0; i < 8; ++i) { p[i].c = (uint8_t)i; p[i].w = 0x80000001u * (uint32_t)(i + 1); p[i].h = (int16_t)(-1000 * i); p[i].uh = (uint16_t)(40000 + i); p[i].sb = (int8_t)(-i * 20); }
  for (int i = 0; i < 8; ++i) h = h * 131 + p[i].w + (uint32_t)p[i].h + p[i].uh + (uint32_t)p[i].sb;
  memset(buf + 3, 0xa5, 100);
  memmove(buf + 10, buf, 200);
  for (unsigned i = 0; i < sizeof buf; ++i) h = h * 7 + buf[i];
  volatile uint32_t* w = (volatile uint32_t*)(buf + 64);
  volatile uint16_t* hw = (volatile uint16_t*)(buf + 128);
  volatile uint8_t* bb = buf + 200;
  *w = 0xdeadbeefu; *hw = 0xcafe; *bb = 0x7f;
  printf("w=%08lx hw=%04x b=%02x lb=%d lh=%d\n", (unsigned long)*w, *hw, *bb, (int)(int8_t)buf[65], (int)*(volatile int16_t*)(buf + 66));
  printf("hash %08lx\n", (unsigned long)h);
  return 0;
}
