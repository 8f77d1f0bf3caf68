#!/usr/bin/python3
"""scripts/plot_compare.py on the compare fixtures' CSV: a PNG that is a real image of the expected
size class and an SVG with one bar per CSV row; exit 65 on a CSV without TOPS. Skips (77) without
matplotlib.   plot_compare_check.py TILESIM FIXTURE_DIR PLOT_SCRIPT"""
import csv, os, subprocess, sys, tempfile

tilesim, fixtures, script = sys.argv[1:4]
try:
    import matplotlib  # noqa: F401
except ImportError:
    print("python3-matplotlib is not installed: skipped")
    sys.exit(77)
bad = []
with tempfile.TemporaryDirectory() as tmp:
    c = os.path.join(tmp, "c.csv")
    subprocess.run([tilesim, "compare", "--sim", "sim_gemm_h200.json", "sim_gemv_default.json", "--gpu", "gpu_fixture.json", "--published",
                    "--csv", c], cwd=fixtures, check=True, stdout=subprocess.DEVNULL)
    rows = [r for r in csv.DictReader(open(c)) if r["tops"] not in ("-", "")]
    out = os.path.join(tmp, "plot")
    r = subprocess.run([sys.executable, script, c, out], capture_output=True, text=True)
    if r.returncode != 0:
        bad.append(f"exit {r.returncode}: {r.stderr}")
    else:
        png = open(out + ".png", "rb").read()
        if png[:8] != b"\x89PNG\r\n\x1a\n" or len(png) < 20000:
            bad.append(f"the PNG is not a plot ({len(png)} bytes)")
        svg = open(out + ".svg").read()
        bars = svg.count('id="patch_') - 1  # every bar is a patch; the axes background is one more
        if bars < len(rows):
            bad.append(f"the SVG has {bars} patches, fewer than the {len(rows)} rows with TOPS")
    empty = os.path.join(tmp, "empty.csv")
    open(empty, "w").write(open(c).readline())
    r = subprocess.run([sys.executable, script, empty, out], capture_output=True, text=True)
    if r.returncode != 65:
        bad.append(f"a CSV without rows: exit {r.returncode}, expected 65")
for b in bad:
    print(b)
print(f"plot_compare: {len(bad)} problem(s)")
sys.exit(1 if bad else 0)
