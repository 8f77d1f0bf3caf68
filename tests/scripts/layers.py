#!/usr/bin/python3
"""The one-way data flow of docs/architecture.md, checked on the includes: each room may include
only the rooms listed for it (and the standard/Debian libraries); SystemC/TLM only in
sim/system/ (and rtl/ for Verilator's runtime).   layers.py SOURCE_DIR"""
import os, re, sys

ALLOWED = {
    "isa": {"isa"},
    "sim/cfg": {"isa", "sim/cfg"},
    "sim/core": {"isa", "sim/cfg", "sim/core"},
    "sim/xtile": {"isa", "sim/core", "sim/xtile"},
    "sim/stats": {"isa", "sim/stats"},
    "sim/timing": {"isa", "sim/cfg", "sim/core", "sim/xtile", "sim/stats", "sim/timing"},
    "sim/elf": {"sim/elf"},
    "sim/system": {"isa", "sim/cfg", "sim/core", "sim/elf", "sim/xtile", "sim/stats", "sim/timing", "sim/system"},
    "sim/energy": {"isa", "sim/cfg", "sim/energy"},
    "sim/area": {"isa", "sim/cfg", "sim/area"},
    "sim/sweep": {"sim/cfg", "sim/sweep"},
    "sim/report": {"isa", "sim/cfg", "sim/stats", "sim/system", "sim/xtile", "sim/report", "sim/energy", "sim/area", "workloads/host"},
    # The CLI: options -> chip -> run -> report; nothing of timing or RTL (verify-rtl calls the
    # RTL harness's entry, rtl/sim/verify.h, and nothing else of rtl/).
    "sim/cli": {"isa", "sim/cfg", "sim/cli", "sim/elf", "sim/report", "sim/system", "sim/stats", "sim/xtile", "sim/sweep", "workloads/host",
                "workloads/common"},
    "workloads/host": {"isa", "sim/cfg", "workloads/host", "workloads/common"},
    # The CUDA reference and tilesim-gpu: the plain-C++ recipes and golden models, the .npy writer.
    "workloads/cuda": {"workloads/cuda", "workloads/host", "workloads/attention", "workloads/bitnet", "sim/report"},
}
# area_model.cpp compiles in the gate counts scripts/synth.sh writes beside the RTL.
EXCEPTIONS = {"sim/cli/verify_rtl.cpp": {"rtl/sim"}, "sim/area/area_model.cpp": {"rtl"}}
SYSTEMC_OK = ("sim/system", "rtl", "sim/cli/main.cpp")  # main.cpp: sc_main, the SystemC entry point


def room(path):
    for r in sorted(ALLOWED, key=len, reverse=True):
        if path == r or path.startswith(r + "/"):
            return r
    return None


def main():
    src = sys.argv[1]
    bad = []
    for d in list(ALLOWED) + ["rtl"]:
        for root, _, files in os.walk(os.path.join(src, d)):
            for f in files:
                if not f.endswith((".h", ".cpp", ".cu", ".def", ".in")):
                    continue
                rel = os.path.relpath(os.path.join(root, f), src)
                r = room(rel)
                for n, line in enumerate(open(os.path.join(src, rel), errors="replace"), 1):
                    m = re.match(r'\s*#include\s+([<"])([^>"]+)[>"]', line)
                    if not m:
                        continue
                    inc = m.group(2)
                    if m.group(1) == "<" and re.match(r"(systemc|tlm)", inc) and not rel.startswith(SYSTEMC_OK):
                        bad.append(f"{rel}:{n}: SystemC outside sim/system: {inc}")
                    if m.group(1) != '"' or r is None or "/" not in inc:
                        continue
                    target = room(inc) or os.path.dirname(inc)
                    if target not in ALLOWED[r] | EXCEPTIONS.get(rel, set()):
                        bad.append(f"{rel}:{n}: {r} may not include {inc}")
    for b in bad:
        print(b)
    print(f"layers: {len(bad)} include(s) against the data flow")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
