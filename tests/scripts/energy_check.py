#!/usr/bin/python3
"""The energy report on real runs (docs/energy.md): MAC energy is MACs x energy per MAC,
doubling K doubles it, more DRAM traffic never lowers the energy, zeroing an action's energy
removes exactly its unit.   energy_check.py TILESIM CONFIG_DIR"""
import json, os, subprocess, sys, tempfile

tilesim, configs = sys.argv[1], sys.argv[2]
tmp = tempfile.mkdtemp()
fails = []


def run(name, *args):
    path = os.path.join(tmp, name + ".json")
    subprocess.run([tilesim, "run", "--config", os.path.join(configs, "default.yaml"), "-q", "--stats-json", path] + list(args), check=True)
    return json.load(open(path))


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        fails.append(what)


# 1. MACs x energy per MAC, exactly (accumulator updates zeroed: 1 pJ per MAC).
a = run("k128", "--workload", "gemm", "--m", "64", "--n", "64", "--k", "128", "--set", "energy.mac_int8_pj=1", "--set", "energy.acc_update_pj=0")
check(a["energy_mac_arrays_pj"] == a["executed_macs"], f"MAC arrays {a['energy_mac_arrays_pj']} pJ == {a['executed_macs']} MACs x 1 pJ")
# 2. Doubling K doubles the MAC arithmetic (MACs and accumulator updates).
b = run("k64", "--workload", "gemm", "--m", "64", "--n", "64", "--k", "64")
c = run("k128d", "--workload", "gemm", "--m", "64", "--n", "64", "--k", "128")
check(abs(c["energy_arith_pj"] - 2 * b["energy_arith_pj"]) <= 1, f"K 64 -> 128: arithmetic {b['energy_arith_pj']} -> {c['energy_arith_pj']} pJ (2x)")
check(c["energy_pj"] > b["energy_pj"], "K 64 -> 128: the total grows")
# 3. More DRAM traffic never lowers the energy: the same GEMM on a quarter of the scratchpad.
big = run("spad256", "--workload", "gemm", "--m", "512", "--n", "512", "--k", "512")
small = run("spad64", "--workload", "gemm", "--m", "512", "--n", "512", "--k", "512", "--set", "scratchpad.size_kib=64")
check(small["dma_bytes_in"] > big["dma_bytes_in"], f"64 KiB scratchpad: more DRAM reads ({big['dma_bytes_in']} -> {small['dma_bytes_in']} B)")
check(small["energy_dram_pj"] > big["energy_dram_pj"] and small["energy_pj"] > big["energy_pj"],
      f"... and more DRAM energy ({big['energy_dram_pj']} -> {small['energy_dram_pj']} pJ) and total")
# 4. Zeroing DRAM's energy removes exactly the DRAM unit.
z = run("nodram", "--workload", "gemm", "--m", "512", "--n", "512", "--k", "512", "--set", "energy.dram_pj_per_bit=0")
check(z["energy_dram_pj"] == 0 and abs(z["energy_pj"] - (big["energy_pj"] - big["energy_dram_pj"])) <= 1,
      "dram_pj_per_bit=0: the total loses exactly the DRAM energy")
# 5. The detail adds up: units sum to the total, static = W x time.
d = json.load(open(os.path.join(tmp, "spad256.json")))["energy"]
check(abs(sum(d["units"].values()) - d["total_pj"]) < 1e-6 * d["total_pj"], "units sum to the total")
check(abs(d["static_pj"] - d["static_w"] * big["simulated_us"] * 1e6) < 1e-6 * d["static_pj"], "static = W x simulated time")
print(f"energy: {len(fails)} check(s) failed")
sys.exit(1 if fails else 0)
