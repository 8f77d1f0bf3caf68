#!/usr/bin/python3
"""`tilesim compare` on committed fixtures (tests/fixtures/compare/: two trimmed real stats JSONs
and a tilesim-gpu JSON marked as a fixture): a bit-exact match, a mismatching vendor row (never
used for a ratio), a vendor row not checked (match null: torch on other inputs), a shape with no simulation, published-only rows; the exact table it must
print, the CSV, and the exit codes of bad input.   compare_check.py TILESIM FIXTURE_DIR"""
import csv, difflib, os, subprocess, sys, tempfile

tilesim, fixtures = sys.argv[1], sys.argv[2]
bad = []
with tempfile.TemporaryDirectory() as tmp:
    out_csv = os.path.join(tmp, "c.csv")
    r = subprocess.run([tilesim, "compare", "--sim", "sim_gemm_h200.json", "sim_gemv_default.json", "--gpu", "gpu_fixture.json", "--published",
                        "--csv", out_csv], cwd=fixtures, capture_output=True, text=True)
    want = open(os.path.join(fixtures, "expected.txt")).read()
    if r.returncode != 0 or r.stdout != want:
        bad.append(f"exit {r.returncode}; the table differs from expected.txt:\n" +
                   "".join(difflib.unified_diff(want.splitlines(True), r.stdout.splitlines(True), "expected", "got")) + r.stderr)
    rows = list(csv.DictReader(open(out_csv))) if os.path.exists(out_csv) else []
    kinds = sorted({x["provenance"] for x in rows})
    if len(rows) != 9 or kinds != ["measured", "published", "simulated"]:
        bad.append(f"CSV: {len(rows)} rows of {kinds}, expected 9 of measured, published, simulated")
    broken = os.path.join(tmp, "broken.json")
    open(broken, "w").write("{")
    nocase = os.path.join(tmp, "nocase.json")
    open(nocase, "w").write('{"config": "default"}')
    for args, code in [([], 64), (["--sim", os.path.join(tmp, "missing.json")], 66), (["--sim", broken], 65), (["--sim", nocase], 65),
                       (["--gpu", os.path.join(fixtures, "sim_gemm_h200.json")], 65)]:
        r = subprocess.run([tilesim, "compare", *args], capture_output=True, text=True)
        if r.returncode != code:
            bad.append(f"compare {' '.join(args)}: exit {r.returncode}, expected {code}: {r.stderr.strip()}")
for b in bad:
    print(b)
print(f"compare: {len(bad)} problem(s)")
sys.exit(1 if bad else 0)
