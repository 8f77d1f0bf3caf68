/* stdout for picolibc (buffered, flushed on newline and at exit) and the exit path. */
#include <stdio.h>

#include "tilesim_rt.h"

/* Not zeroed at start-up (crt0 would spend ~130 cycles on it): only out_buf[0, out_len) is read. */
static char out_buf[256] __attribute__((section(".noinit")));
static unsigned out_len;

void tilesim_flush(void) {
  if (out_len) tilesim_write(1, out_buf, out_len);
  out_len = 0;
}

static int out_putc(char c, FILE* f) {
  (void)f;
  out_buf[out_len++] = c;
  if (c == '\n' || out_len == sizeof out_buf) tilesim_flush();
  return (unsigned char)c;
}

static FILE out_file = FDEV_SETUP_STREAM(out_putc, NULL, NULL, _FDEV_SETUP_WRITE);
FILE* const stdout = &out_file;
FILE* const stderr = &out_file;

void tilesim_exit(int code) {
  tilesim_flush();
  tilesim_syscall3(93, code, 0, 0);
  for (;;) {
  }
}

void _exit(int code) { tilesim_exit(code); }
