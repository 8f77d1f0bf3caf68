#!/usr/bin/python3
"""The SCALE-Sim-compatible columns of a workload report (docs/report.md) agree with the run's own
counters: total = cycles = compute + stall, compute = the cores' mean MAC-busy cycles, overall
utilization = MAC utilization, mapping efficiency = useful / executed MACs, compute utilization =
useful / (peak x compute cycles), SRAM = scratchpad + accumulator bytes, DRAM = DMA bytes, the
average bandwidths per cycle; in the CSV as in the stats JSON.   scalesim_columns.py TILESIM CONFIGS"""
import csv, json, os, subprocess, sys, tempfile

tilesim, configs = sys.argv[1], sys.argv[2]
bad = []
runs = [["--workload", "gemm", "--m", "100", "--n", "70", "--k", "64"],
        ["--workload", "attention", "--seq", "50", "--config", os.path.join(configs, "edge.yaml")],
        ["--workload", "gemm", "--m", "200", "--n", "96", "--k", "64", "--set", "chip.cores=3"]]
with tempfile.TemporaryDirectory() as tmp:
    for args in runs:
        js, cs = os.path.join(tmp, "s.json"), os.path.join(tmp, "s.csv")
        subprocess.run([tilesim, "run", *args, "--stats-json", js, "--csv", cs, "-q"], check=True)
        s = json.load(open(js))
        row = next(csv.DictReader(open(cs)))
        t = s["tile"]
        cores = s["cores"]
        k0 = s["chip"]["per_core"][0]
        engines = round(k0["mac_busy"] / k0["mac_busy_per_engine"]) if k0["mac_busy_per_engine"] else 1
        compute = min(s["cycles"], int(t["mac_busy"] / engines / cores + 0.5))
        want = {
            "scalesim_total_cycles": s["cycles"],
            "scalesim_compute_cycles": compute,
            "scalesim_stall_cycles": s["cycles"] - compute,
            "scalesim_overall_util_pct": s["mac_utilization_pct"],
            "scalesim_mapping_efficiency_pct": 100.0 * s["useful_macs"] / s["executed_macs"],
            "scalesim_compute_util_pct": 100.0 * s["useful_macs"] / (compute * s["peak_macs_per_cycle"]),
            "scalesim_sram_read_bytes": t["spad_read_bytes"] + t["acc_read_bytes"],
            "scalesim_sram_write_bytes": t["spad_write_bytes"] + t["acc_write_bytes"],
            "scalesim_dram_read_bytes": s["dma_bytes_in"],
            "scalesim_dram_write_bytes": s["dma_bytes_out"],
            "scalesim_avg_dram_bw_bytes_per_cycle": (s["dma_bytes_in"] + s["dma_bytes_out"]) / s["cycles"],
        }
        for k, v in want.items():
            if k not in s or abs(float(s[k]) - v) > 1e-9 * max(1, abs(v)) or abs(float(row[k]) - v) > 1e-6 * max(1, abs(v)):
                bad.append(f"{' '.join(args)}: {k} = {s.get(k)} (CSV {row.get(k)}), expected {v}")
        if not 0 < s["scalesim_compute_cycles"] <= s["cycles"]:
            bad.append(f"{' '.join(args)}: compute cycles {s['scalesim_compute_cycles']} outside (0, {s['cycles']}]")
for b in bad:
    print(b)
print(f"scalesim columns: {len(bad)} problem(s)")
sys.exit(1 if bad else 0)
