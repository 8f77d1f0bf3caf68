#!/usr/bin/python3
"""tilesim-gpu on a machine without a GPU (CI): bad cases are refused (exit 64); a run exits 69
with a clear message (on a machine with a GPU it must instead run bit-exact, exit 0); and
--inputs-only writes exactly the bytes `tilesim run --seed S --dump` simulates, for every dtype.
   gpu_harness_check.py TILESIM_GPU TILESIM"""
import filecmp, os, subprocess, sys, tempfile

gpu, tilesim = sys.argv[1], sys.argv[2]
bad = []

for case in ["gemm:int9:1x1x1", "gemm:int8:1x1", "gemv:int8:0x4", "attention:int8:1x1x1", "attention:int8:1x1x64x96",
             "attention:int8:1x1x40000x64", "attention:ternary:1x1x64x64", "bitnet:int8:1x4x4", "bitnet:ternary:1x4",
             "gemm:int8:2x2x2:causal", "gemv:int8:4x4x17", "conv:int8:1x1x1", "--bogus"]:
    r = subprocess.run([gpu, case], capture_output=True, text=True)
    if r.returncode != 64 or "usage:" not in r.stderr:
        bad.append(f"{case}: exit {r.returncode}, expected 64 with usage: {r.stderr.strip()}")

r = subprocess.run([gpu, "--json", os.devnull, "gemm:int8:40x24x72", "gemv:ternary:33x70", "attention:int8:1x2x40x64:causal",
                    "bitnet:ternary:5x40x24x16", "gemm:ternary:33x17x64:requant"], capture_output=True, text=True)
if r.returncode == 69:
    if "no CUDA device" not in r.stderr:
        bad.append(f"no-device exit without the message: {r.stderr.strip()}")
elif r.returncode != 0:
    bad.append(f"with a GPU the run must be bit-exact (exit 0), got {r.returncode}: {r.stdout}{r.stderr}")

# --host-only needs no GPU: inputs and golden output per case, timed (the host side of a GPU run)
r = subprocess.run([gpu, "--host-only", "gemm:int8:40x24x72:requant", "attention:int8:1x2x40x128:causal", "bitnet:ternary:5x40x24x16",
                    "gemv:int8:33x70x3"], capture_output=True, text=True)
if r.returncode != 0 or r.stdout.count("inputs and golden output") != 4 or "4 cases" not in r.stdout:
    bad.append(f"--host-only: exit {r.returncode}: {r.stdout}{r.stderr}")

cases = [("gemm", "int8", "37x19x70", ["--m", "37", "--n", "19", "--k", "70"], ["A", "B"]),
         ("gemm", "ternary", "17x33x45", ["--m", "17", "--n", "33", "--k", "45", "--dtype", "ternary"], ["A", "B_ternary_packed"]),
         ("gemv", "int8", "65x129x3", ["--rows", "65", "--cols", "129", "--vectors", "3"], ["W", "X"]),
         ("gemv", "ternary", "40x83", ["--rows", "40", "--cols", "83", "--dtype", "ternary"], ["W_ternary_packed", "X"]),
         ("attention", "int8", "2x1x40x128:causal", ["--batch", "2", "--seq", "40", "--head-dim", "128", "--causal"], ["Q", "K", "V"]),
         ("bitnet", "ternary", "5x40x24x16", ["--tokens", "5", "--in-features", "40", "--hidden", "24", "--out-features", "16"],
          ["X_q8", "W1_ternary_packed", "W2_ternary_packed"]),
         ("bitnet", "ternary", "3x36x20", ["--tokens", "3", "--in-features", "36", "--out-features", "20", "--layers", "1"],
          ["X_q8", "W1_ternary_packed"])]
with tempfile.TemporaryDirectory() as tmp:
    for wl, dtype, shape, opts, names in cases:
        sim, har = os.path.join(tmp, f"{wl}{dtype}{shape}-sim"), os.path.join(tmp, f"{wl}{dtype}{shape}-gpu")
        subprocess.run([tilesim, "run", "--workload", wl, *opts, "--seed", "987654321", "--dump", sim, "-q"], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run([gpu, "--seed", "987654321", "--inputs-only", har, f"{wl}:{dtype}:{shape}"], check=True)
        for n in names:
            if not filecmp.cmp(os.path.join(sim, n + ".npy"), os.path.join(har, n + ".npy"), shallow=False):
                bad.append(f"{wl} {dtype} {shape}: {n}.npy differs between tilesim run and tilesim-gpu")
for b in bad:
    print(b)
print(f"gpu harness: {len(bad)} problem(s)")
sys.exit(1 if bad else 0)
