#!/usr/bin/python3
"""The README's demo sample must be what the demo prints: every report line of the sample (after
the command line, before the abridged tail) appears, in order, in the real output.
  readme_demo.py README.md TILESIM CONFIG_DIR"""
import re
import subprocess
import sys

readme, tilesim, configs = sys.argv[1:]
text = open(readme).read()
m = re.search(r"\$ build/tilesim run --config configs/default.yaml (--workload gemm[^\n]*)\n(.*?)\n  -- memory --  \.\.\.", text, re.S)
if not m:
    sys.exit("README: demo sample not found")
args, sample = m.group(1).split(), [l for l in m.group(2).split("\n") if l.strip()]
out = subprocess.run([tilesim, "run", "--config", configs + "/default.yaml"] + args, capture_output=True, text=True).stdout
lines = out.split("\n")
pos = 0
for want in sample:
    try:
        pos = lines.index(want, pos) + 1
    except ValueError:
        sys.exit(f"README demo sample line not in the demo's output (or out of order):\n  {want!r}\nrun it and update README.md")
print(f"README demo sample: {len(sample)} lines match the demo's output")
