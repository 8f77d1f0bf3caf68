#!/usr/bin/env bash
# Differential test: run one bare-metal RV32 ELF under qemu-riscv32 and tilesim; stdout, guest
# stderr and exit code must be identical.   diff_qemu.sh TILESIM ELF [tilesim args...]
set -u
tilesim=$1 elf=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
timeout 120 qemu-riscv32 "$elf" >"$tmp/q.out" 2>"$tmp/q.err"
qrc=$?
timeout 300 "$tilesim" run -q --elf "$elf" "$@" >"$tmp/t.out" 2>"$tmp/t.err"
trc=$?
fail=0
if ! cmp -s "$tmp/q.out" "$tmp/t.out"; then
  echo "stdout differs (qemu vs tilesim):"; diff <(od -An -c "$tmp/q.out" | head -50) <(od -An -c "$tmp/t.out" | head -50); fail=1
fi
if ! cmp -s "$tmp/q.err" "$tmp/t.err"; then
  echo "stderr differs:"; diff "$tmp/q.err" "$tmp/t.err" | head -20; fail=1
fi
if [ "$qrc" != "$trc" ]; then echo "exit code differs: qemu $qrc, tilesim $trc"; fail=1; fi
[ $fail = 0 ] && echo "same output ($(wc -c <"$tmp/q.out") bytes) and exit code $qrc"
exit $fail
