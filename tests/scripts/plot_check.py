#!/usr/bin/python3
"""scripts/plot.py makes every kind of plot from real stats JSON and a real sweep table (made here
with tilesim: three runs, the 2x2 sweep fixture): each a PNG of plot size and an SVG; the Pareto
front is the set of non-dominated points; bad inputs exit 65, bad usage 64. Skips (77) without
python3-matplotlib.   plot_check.py TILESIM PLOT_SCRIPT SWEEP_FIXTURES"""
import importlib.util, os, subprocess, sys, tempfile

tilesim, script, fx = sys.argv[1:4]
try:
    import matplotlib  # noqa: F401
except ImportError:
    print("python3-matplotlib is not installed: skipped")
    sys.exit(77)
bad = []
spec = importlib.util.spec_from_file_location("plot", script)
plot = importlib.util.module_from_spec(spec)
spec.loader.exec_module(plot)
# the front: (1,5) (2,2) (5,1) are not dominated; (3,3) by (2,2); (2,6) by (1,5) and (2,2)
if plot.pareto_front([(3, 3), (1, 5), (2, 2), (5, 1), (2, 6)]) != [1, 2, 3]:
    bad.append(f"pareto_front: {plot.pareto_front([(3, 3), (1, 5), (2, 2), (5, 1), (2, 6)])}")
if plot.pareto_front([(1, 1, 9), (2, 2, 1), (3, 3, 2)]) != [0, 1]:
    bad.append("pareto_front in 3-D")
with tempfile.TemporaryDirectory() as tmp:
    stats = []
    for i, args in enumerate([["--workload", "gemm", "--m", "64", "--n", "64", "--k", "64"], ["--workload", "gemv", "--rows", "256", "--cols", "256"],
                              ["--workload", "attention", "--seq", "40"]]):
        stats.append(os.path.join(tmp, f"s{i}.json"))
        subprocess.run([tilesim, "run", *args, "--stats-json", stats[-1], "-q"], check=True)
    sw = os.path.join(tmp, "sweep")
    subprocess.run([tilesim, "sweep", "--spec", os.path.join(fx, "grid.yaml"), "--out", sw], check=True, capture_output=True)
    table = os.path.join(sw, "results.csv")
    jobs = {"roofline": stats, "stalls": stats, "energy": stats, "area": stats,
            "sweep": [table, "--x", "dram.bandwidth_mb_s", "--y", "simulated_us", "--series", "tile.mac.engines"],
            "pareto": [table, "--x", "simulated_us", "--y", "energy_pj", "--size", "area_mm2", "--label", "tile.mac.engines"]}
    for kind, args in jobs.items():
        out = os.path.join(tmp, kind)
        r = subprocess.run([sys.executable, script, kind, *args, "-o", out], capture_output=True, text=True)
        if r.returncode != 0:
            bad.append(f"{kind}: exit {r.returncode}: {r.stderr.strip()}")
            continue
        png = open(out + ".png", "rb").read()
        if png[:8] != b"\x89PNG\r\n\x1a\n" or len(png) < 15000:
            bad.append(f"{kind}: the PNG is not a plot ({len(png)} bytes)")
        svg = open(out + ".svg").read()
        if "<svg" not in svg or svg.count("<path") < 10:
            bad.append(f"{kind}: the SVG has {svg.count('<path')} paths")
    for args, code in ((["roofline", os.path.join(sw, "sweep.json"), "-o", os.path.join(tmp, "x")], 65), (["energy", table + ".missing", "-o", os.path.join(tmp, "x")], 65),
                       (["area", table, "-o", os.path.join(tmp, "a")], 0),
                       (["sweep", table, "--x", "nope", "--y", "cycles", "-o", os.path.join(tmp, "x")], 65),
                       (["pareto", table, "--where", "tile.mac.engines=7", "-o", os.path.join(tmp, "x")], 65),
                       (["sweep", table, "-o", os.path.join(tmp, "x")], 64), (["bogus", table, "-o", "x"], 64)):
        r = subprocess.run([sys.executable, script, *args], capture_output=True, text=True)
        if r.returncode != code:
            bad.append(f"plot.py {' '.join(args[:2])}: exit {r.returncode}, expected {code}")
for b in bad:
    print(b)
print(f"plots: {len(bad)} problem(s)")
sys.exit(1 if bad else 0)
