#!/usr/bin/env bash
# Area model: synthesizes the PE datapath (rtl/mac_pe.sv) with yosys for the int8 mode alone and
# the ternary mode alone (TF products per step) and prints generic gate counts. Not run in CI.
#   scripts/synth.sh [TF]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tf="${1:-4}"
command -v yosys >/dev/null || { echo "installing yosys"; apt-get install -y yosys >/dev/null; }
run() {  # prints the last statistics block (after technology mapping)
  yosys -p "read_verilog -sv $root/rtl/mac_pe.sv; chparam -set TF $tf -set INT8 $1 -set TERNARY $2 mac_pe; script $root/rtl/synth.ys" \
    | awk '/Printing statistics/ {block=""} /Number of cells|\$_/ {block = block "    " $0 "\n"} END {printf "%s", block}' | sed 's/  */ /g'
}
echo "int8 PE step (1 MAC of 8x8 -> 32, any signedness):"; run 1 0
echo "ternary PE step ($tf MACs: add / subtract / skip of int8 into 32):"; run 0 1
echo "both (the array's PE):"; run 1 1
