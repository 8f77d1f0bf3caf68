#!/usr/bin/env python3
"""check_stats.py STATS_JSON: the stats file of a run has the documented fields and the
effective config sits next to it."""
import json, os, sys

path = sys.argv[1]
with open(path) as f:
    s = json.load(f)
need = ["schema_version", "outcome", "exit_status", "cycles", "instructions", "ipc", "host_seconds",
        "simulated_mips", "clock_mhz", "effective_config"]
missing = [k for k in need if k not in s]
assert not missing, f"missing keys {missing}"
assert s["schema_version"] == 1
assert s["outcome"] == "exit" and s["exit_status"] == 0, s
assert s["instructions"] > 1000 and s["cycles"] >= s["instructions"], s
assert abs(s["ipc"] - s["instructions"] / s["cycles"]) < 1e-9
cfg = s["effective_config"]
assert os.path.isfile(cfg), cfg
text = open(cfg).read()
assert "dram_base: 0x80000000" in text and "quantum_cycles: 777" in text, "effective config lacks --set value"
print("stats ok:", s["cycles"], "cycles,", s["instructions"], "instructions")
