/* Machine-mode runtime for programs that also run under qemu-system-riscv32 -M spike:
   stdout through the HTIF console (tohost device 1, command 1), exit through tohost. */
#include <stdint.h>
#include <stdio.h>

#include "tilesim_rt.h"

volatile uint64_t tohost __attribute__((section(".tohost"), aligned(64)));
volatile uint64_t fromhost __attribute__((section(".tohost"), aligned(64)));

static void htif_send(uint64_t cmd) {
  while (tohost) {
  }
  tohost = cmd;
}

static int htif_putc(char c, FILE* f) {
  (void)f;
  htif_send(((uint64_t)1 << 56) | ((uint64_t)1 << 48) | (uint8_t)c);
  while (!fromhost) {
  }
  fromhost = 0;
  return (unsigned char)c;
}

static FILE out_file = FDEV_SETUP_STREAM(htif_putc, NULL, NULL, _FDEV_SETUP_WRITE);
FILE* const stdout = &out_file;
FILE* const stderr = &out_file;

void tilesim_flush(void) {}

void tilesim_exit(int code) {
  htif_send(((uint64_t)code << 1) | 1);
  for (;;) {
  }
}

void _exit(int code) { tilesim_exit(code); }
