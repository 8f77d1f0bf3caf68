#!/usr/bin/env bash
# Differential test for machine-mode programs: qemu-system-riscv32 -M spike vs tilesim, both
# ending through HTIF tohost. Console output and exit code must be identical.
#   diff_spike.sh TILESIM ELF
set -u
tilesim=$1 elf=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
timeout 60 qemu-system-riscv32 -M spike -bios none -kernel "$elf" -display none -serial stdio -monitor none \
  >"$tmp/q.out" 2>"$tmp/q.err"
qrc=$?
timeout 60 "$tilesim" run -q --elf "$elf" >"$tmp/t.out" 2>"$tmp/t.err"
trc=$?
fail=0
if ! cmp -s "$tmp/q.out" "$tmp/t.out"; then echo "console output differs (qemu < > tilesim):"; diff "$tmp/q.out" "$tmp/t.out"; fail=1; fi
if [ "$qrc" != "$trc" ]; then echo "exit code differs: qemu $qrc, tilesim $trc"; cat "$tmp/q.err" "$tmp/t.err"; fail=1; fi
[ $fail = 0 ] && { cat "$tmp/t.out"; echo "same output and exit code $qrc"; }
exit $fail
