#!/usr/bin/env python3
"""check_workload.py JSON CSV DUMP_DIR M N K: a GEMM run's report files agree and make sense,
and the .npy dump reproduces C = A x B^T (ternary B unpacked here, independently of tilesim)."""
import csv, json, os, sys

import numpy as np

js, cs, dump = sys.argv[1:4]
M, N, K = map(int, sys.argv[4:7])
r = json.load(open(js))
assert r["schema_version"] == 1 and r["result"] == "PASS", r
assert r["useful_macs"] == M * N * K, r["useful_macs"]
tiles = -(-M // 16) * -(-N // 16) * -(-K // 16)
assert r["tile_mmas"] == tiles, (r["tile_mmas"], tiles)
assert r["executed_macs"] == 4096 * tiles
assert r["dma_bytes_in"] >= M * K + N * ((K + 3) // 4), "moved less than the inputs"
assert r["dma_bytes_out"] >= 4 * M * N
assert 0 < r["mac_utilization_pct"] <= 100
assert abs(r["roofline_tops"] - min(r["usable_tops"], r["arithmetic_intensity"] * r["dram_peak_gb_s"] / 1000)) < 1e-9
assert os.path.isfile(r["effective_config"])
row = list(csv.DictReader(open(cs)))
assert len(row) == 1 and row[0]["result"] == "PASS" and int(row[0]["cycles"]) == r["cycles"]
a = np.load(os.path.join(dump, "A.npy")).astype(np.int64)
bp = np.load(os.path.join(dump, "B_ternary_packed.npy"))
c = np.load(os.path.join(dump, "C.npy"))
assert a.shape == (M, K) and c.shape == (M, N) and c.dtype == np.int32
codes = (bp[:, :, None] >> (2 * np.arange(4))) & 3
w = np.select([codes == 1, codes == 3], [1, -1], 0).reshape(N, -1)[:, :K]
assert (a @ w.T == c).all(), "C != A x W^T"
print("report and dump ok:", r["cycles"], "cycles,", r["tile_mmas"], "tile MMAs")
