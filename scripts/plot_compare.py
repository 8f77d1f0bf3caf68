#!/usr/bin/python3
"""The plot of `tilesim compare --csv` (docs/gpu.md): one panel row per workload and shape, a bar
per row of the table (TOPS, log scale), coloured by provenance (simulated, measured, published),
hatched where the output did not match the golden model; each bar labelled with who and dtype.
Writes OUT.png and OUT.svg.   plot_compare.py COMPARE.csv OUT [--title T] [--groups SUBSTRING]"""
import argparse, csv, sys

COLOURS = {"simulated": "#1f77b4", "measured": "#2ca02c", "published": "#ff7f0e"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("csv")
    ap.add_argument("out")
    ap.add_argument("--title", default="tilesim compare: throughput (TOPS), simulated beside GPU")
    ap.add_argument("--groups", default="", help="only groups whose name contains this")
    a = ap.parse_args()
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [r for r in csv.DictReader(open(a.csv)) if a.groups in r["group"] and r["tops"] not in ("-", "")]
    if not rows:
        print(f"plot_compare.py: {a.csv}: no row with a TOPS value", file=sys.stderr)
        return 65
    groups = list(dict.fromkeys(r["group"] for r in rows))
    labels, values, colours, hatches, ticks = [], [], [], [], []
    y = 0
    for g in groups:
        ticks.append((y, g))
        for r in (r for r in rows if r["group"] == g):
            labels.append((y, f'{r["who"]} ({r["dtype"]})'))
            values.append(float(r["tops"]))
            colours.append(COLOURS.get(r["provenance"], "grey"))
            hatches.append("//" if r["exact"] == "NO" else "")
            y += 1
        y += 1  # a gap between groups
    fig, ax = plt.subplots(figsize=(11, 0.32 * y + 1.5))
    ys = [l[0] for l in labels]
    bars = ax.barh(ys, values, color=colours, edgecolor="black", linewidth=0.4)
    for b, h in zip(bars, hatches):
        b.set_hatch(h)
    for (yy, text), v in zip(labels, values):
        ax.text(v * 1.05, yy, text, va="center", fontsize=7)
    ax.set_xscale("log")
    ax.set_xlim(min(values) / 2, max(values) * 30)
    ax.set_yticks([t[0] for t in ticks], [t[1] for t in ticks], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("TOPS (dense; log scale)")
    ax.set_title(a.title, fontsize=10)
    from matplotlib.patches import Patch
    handles = [Patch(color=c, label=k) for k, c in COLOURS.items() if any(r["provenance"] == k for r in rows)]
    if any(h for h in hatches):
        handles.append(Patch(facecolor="white", edgecolor="black", hatch="//", label="output mismatch"))
    ax.legend(handles=handles, loc="best", fontsize=8)
    ax.grid(axis="x", which="both", alpha=0.3)
    fig.tight_layout()
    for ext in ("png", "svg"):
        fig.savefig(f"{a.out}.{ext}", dpi=110)
    print(f"plot_compare.py: wrote {a.out}.png and {a.out}.svg ({len(rows)} bars, {len(groups)} groups)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
