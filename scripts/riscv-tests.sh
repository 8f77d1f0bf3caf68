#!/usr/bin/env bash
# Builds and runs the official RISC-V ISA tests (rv32ui-p-*, rv32um-p-*, rv32ua-p-*) from a riscv-tests
# checkout (with its env/ submodule) under tilesim. Debian does not package the suite and this
# project cannot download it, so point RISCV_TESTS_DIR (or $1) at a checkout you have.
#   scripts/riscv-tests.sh [RISCV_TESTS_DIR] [BUILD_DIR]
# Exit 0 when every test passes, 1 when any fails, 77 (CTest "skipped") without a checkout.
set -u
src="${1:-${RISCV_TESTS_DIR:-}}"
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${2:-$root/build}"
if [ -z "$src" ] || [ ! -f "$src/env/p/riscv_test.h" ]; then
  echo "SKIP: set RISCV_TESTS_DIR to a riscv-tests checkout with env/ (git submodule update --init)"
  exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0 fail=0 failed=()
for t in "$src"/isa/rv32ui/*.S "$src"/isa/rv32um/*.S "$src"/isa/rv32ua/*.S; do
  name="$(basename "$(dirname "$t")")-p-$(basename "$t" .S)"
  if ! riscv64-unknown-elf-gcc -march=rv32ima_zicsr_zifencei -mabi=ilp32 -static -mcmodel=medany \
       -fvisibility=hidden -nostdlib -nostartfiles -I"$src/env/p" -I"$src/isa/macros/scalar" \
       -T"$src/env/p/link.ld" "$t" -o "$out/$name" 2>"$out/$name.err"; then
    echo "BUILD FAIL $name: $(head -1 "$out/$name.err")"; fail=$((fail + 1)); failed+=("$name"); continue
  fi
  if "$build/tilesim" run -q --max-cycles 10000000 --elf "$out/$name" >"$out/$name.log" 2>&1; then
    pass=$((pass + 1))
  else
    echo "FAIL $name (exit $?): $(tail -1 "$out/$name.log")"; fail=$((fail + 1)); failed+=("$name")
  fi
done
echo "riscv-tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
