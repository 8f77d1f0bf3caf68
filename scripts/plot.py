#!/usr/bin/python3
"""tilesim's plots (docs/plots.md), from stats JSON (`tilesim run --stats-json`) and sweep tables
(`tilesim sweep`: DIR/results.csv), as PNG and SVG, with Debian's python3-matplotlib.

  (STATS.json... may also be sweep tables, results.csv: each ok point is a run)
  plot.py roofline STATS.json... -o OUT      each run at (ops/byte, TOPS) under its chip's roofs
  plot.py stalls   STATS.json... -o OUT      MAC utilization and the rest split by stall / wait cause
  plot.py energy   STATS.json... -o OUT      energy by unit (pJ per op) and the arithmetic's share
  plot.py area     STATS.json... -o OUT      mm^2 by unit
  plot.py sweep    RESULTS.csv --x COL --y COL [--series COL...] [--where COL=V...] [--logx] [--logy] -o OUT
  plot.py pareto   RESULTS.csv [--x COL] [--y COL] [--size COL] [--label COL...] [--where COL=V...] -o OUT
                   (x, y, size all minimized: the x-y front as a line, points not dominated in all
                   three circled)

OUT gets .png and .svg. Exit 65 on inputs without the needed fields, 64 on usage."""
import argparse, csv, json, math, os, sys

USAGE, BAD_INPUT = 64, 65


class InputError(Exception):
    pass


def as_number(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return v


def load_stats(paths, where=()):
    """Runs from stats JSON files, or the ok rows of sweep tables (results.csv: a run per point)."""
    runs = []
    for p in paths:
        if p.endswith(".csv"):
            for r in filtered(load_table(p), where, p):
                run = {k: as_number(v) for k, v in r.items()}
                if "cycles" not in run or "case" not in run:
                    raise InputError(f"{p}: not a sweep table (no cycles / case columns)")
                run["_label"] = r["point"]
                runs.append(run)
            continue
        try:
            s = json.load(open(p))
        except (OSError, ValueError) as e:
            raise InputError(f"{p}: not a stats JSON ({e})")
        if "cycles" not in s or "case" not in s:
            raise InputError(f"{p}: not a workload stats JSON (no cycles / case: tilesim run --workload ... --stats-json)")
        s["_label"] = f'{s["case"]} @ {s.get("config", "?")}'
        runs.append(s)
    return runs


def load_table(path):
    try:
        rows = list(csv.DictReader(open(path)))
    except OSError as e:
        raise InputError(f"{path}: {e}")
    rows = [r for r in rows if r.get("status", "ok") == "ok"]
    if not rows:
        raise InputError(f"{path}: no point with status ok")
    return rows


def num(r, k, where):
    try:
        return float(r[k])
    except (KeyError, TypeError, ValueError):
        raise InputError(f"{where}: no numeric column '{k}'")


def save(fig, out):
    fig.tight_layout()
    for ext in ("png", "svg"):
        fig.savefig(f"{out}.{ext}", dpi=110)
    print(f"plot.py: wrote {out}.png and {out}.svg")


def short(label, n=48):
    return label if len(label) <= n else label[: n - 1] + "~"


def roofline(a, plt):
    runs = load_stats(a.inputs, a.where)
    fig, ax = plt.subplots(figsize=(8, 5.5))
    roofs = {}
    for s in runs:
        roofs.setdefault((s.get("config"), s["peak_tops"], s["dram_peak_gb_s"]), []).append(s)
    xs = [max(s["arithmetic_intensity"], 1e-3) for s in runs]
    lo, hi = min(xs) / 4, max(xs) * 4
    for (cfg, peak, bw), _ in roofs.items():
        knee = peak * 1e12 / (bw * 1e9)
        pts = [lo, min(max(knee, lo), hi), hi]
        ax.plot(pts, [min(peak, x * bw * 1e9 / 1e12) for x in pts], "-", lw=1.2, label=f"{cfg}: {peak:.3g} TOPS, {bw:.4g} GB/s")
    for s, x in zip(runs, xs):
        ax.plot(x, s["achieved_tops"], "o", ms=6)
        ax.annotate(short(s["case"], 34), (x, s["achieved_tops"]), fontsize=7, xytext=(4, 3), textcoords="offset points")
    ax.set_xscale("log"), ax.set_yscale("log")
    ax.set_xlabel("arithmetic intensity (ops per byte of compulsory DRAM traffic)")
    ax.set_ylabel("achieved TOPS")
    ax.set_title("roofline: each run under its chip's compute and DRAM roofs", fontsize=10)
    ax.grid(which="both", alpha=0.3)
    ax.legend(fontsize=7, loc="lower right")
    save(fig, a.o)


STALLS = [("stall_queue_full", "core: tile queue full"), ("stall_dma_wait", "core: xt.wait (DMA)"), ("stall_sync", "core: fence / stat"),
          ("wait_operands", "tile: operands"), ("wait_unit", "tile: busy unit"), ("wait_dma", "tile: DMA data")]


def stalls(a, plt):
    runs = load_stats(a.inputs, a.where)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 0.45 * len(runs) + 1.8), sharey=True)
    ys = range(len(runs))
    ax1.barh(ys, [s["mac_utilization_pct"] for s in runs], color="#1f77b4")
    ax1.set_xlim(0, 100)
    ax1.set_xlabel("MAC utilization (% of peak)")
    ax1.set_yticks(list(ys), [short(s["_label"]) for s in runs], fontsize=7)
    ax1.invert_yaxis()
    # The counters are sums over cores, engines and queued commands (they overlap), so they are
    # shown as shares: the cycles not computing (100 - utilization) split in proportion to them.
    left = [0.0] * len(runs)
    totals = [sum(s.get(k, 0) for k, _ in STALLS) for s in runs]
    for key, name in STALLS:
        v = [(100.0 - s["mac_utilization_pct"]) * s.get(key, 0) / t if t else 0.0 for s, t in zip(runs, totals)]
        ax2.barh(ys, v, left=left, label=name)
        left = [l + x for l, x in zip(left, v)]
    ax2.set_xlim(0, 100)
    ax2.set_xlabel("% of peak not reached, split in proportion to the stall / wait counters")
    ax2.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.suptitle("utilization and stall causes", fontsize=10)
    save(fig, a.o)


def breakdown(a, plt, prefix, suffix, scale, xlabel, title, skip):
    runs = load_stats(a.inputs, a.where)
    units = []
    for s in runs:
        for k in s:
            if k.startswith(prefix) and k.endswith(suffix) and k not in skip and k not in units and isinstance(s[k], (int, float)) and s[k] > 0:
                units.append(k)
    if not units:
        raise InputError(f"no {prefix}*{suffix} fields in the inputs")
    fig, ax = plt.subplots(figsize=(10, 0.45 * len(runs) + 1.8))
    ys = range(len(runs))
    left = [0.0] * len(runs)
    for u in units:
        v = [scale(s, s.get(u, 0)) for s in runs]
        ax.barh(ys, v, left=left, label=u[len(prefix): len(u) - len(suffix)].replace("_", " "))
        left = [l + x for l, x in zip(left, v)]
    ax.set_yticks(list(ys), [short(s["_label"]) for s in runs], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    save(fig, a.o)


def energy(a, plt):
    def per_op(s, v):
        return v / max(1.0, 2.0 * s["useful_macs"])
    breakdown(a, plt, "energy_", "_pj", per_op, "pJ per op (2 per useful MAC), by unit",
              "energy by unit (the MAC arrays' share is the arithmetic; the rest is overhead)",
              {"energy_pj", "energy_dynamic_pj", "energy_arith_pj", "energy_tile_arith_pj", "energy_tile_operand_pj", "energy_tile_control_pj"})


def area(a, plt):
    breakdown(a, plt, "area_", "_mm2", lambda s, v: v, "mm^2, by unit", "area by unit", {"area_mm2", "area_per_core_mm2"})


def series_key(r, cols):
    return ", ".join(f"{c.replace('args.', '')}={r[c] or '-'}" for c in cols)


def filtered(rows, where, path):
    for cond in where:
        if "=" not in cond:
            raise InputError(f"--where {cond}: expected COL=VALUE")
        k, v = cond.split("=", 1)
        if rows and k not in rows[0]:
            raise InputError(f"{path}: no column '{k}' (--where)")
        rows = [r for r in rows if r[k] == v]
    if not rows:
        raise InputError(f"{path}: no point left after --where {' '.join(where)}")
    return rows


def sweep(a, plt):
    rows = filtered(load_table(a.inputs[0]), a.where, a.inputs[0])
    fig, ax = plt.subplots(figsize=(8, 5))
    groups = {}
    for r in rows:
        groups.setdefault(series_key(r, a.series) if a.series else "all", []).append(r)
    for name, rs in groups.items():
        rs.sort(key=lambda r: num(r, a.x, a.inputs[0]))
        ax.plot([num(r, a.x, a.inputs[0]) for r in rs], [num(r, a.y, a.inputs[0]) for r in rs], "o-", ms=4, label=name)
    if a.logx:
        ax.set_xscale("log", base=2)
    if a.logy:
        ax.set_yscale("log")
    ax.set_xlabel(a.x), ax.set_ylabel(a.y)
    ax.set_title(a.title or f"{a.y} against {a.x}", fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    save(fig, a.o)


def pareto_front(pts):
    """Indices of the points no other point dominates (every coordinate minimized: no other is
    at most as large in all and smaller in one), sorted."""
    def dominates(q, p):
        return all(b <= a for a, b in zip(p, q)) and any(b < a for a, b in zip(p, q))
    return sorted((i for i, p in enumerate(pts) if not any(dominates(q, p) for j, q in enumerate(pts) if j != i)), key=lambda i: pts[i])


def pareto(a, plt):
    rows = filtered(load_table(a.inputs[0]), a.where, a.inputs[0])
    where = a.inputs[0]
    pts = [(num(r, a.x, where), num(r, a.y, where)) for r in rows]
    sizes = [num(r, a.size, where) for r in rows] if a.size else [1.0] * len(rows)
    smax = max(sizes) or 1.0
    fig, ax = plt.subplots(figsize=(8, 5.5))
    sc = ax.scatter([p[0] for p in pts], [p[1] for p in pts], s=[30 + 300 * s / smax for s in sizes], c=sizes, cmap="viridis", alpha=0.75,
                    edgecolors="black", linewidths=0.4)
    if a.size:
        fig.colorbar(sc, ax=ax, label=a.size)
    front = pareto_front(pts)
    ax.plot([pts[i][0] for i in front], [pts[i][1] for i in front], "r--", lw=1, label=f"{a.x} x {a.y} front ({len(front)} of {len(pts)} points)")
    front3 = pareto_front([(x, y, z) for (x, y), z in zip(pts, sizes)]) if a.size else front
    if a.size:
        ax.scatter([pts[i][0] for i in front3], [pts[i][1] for i in front3], s=[30 + 300 * sizes[i] / smax for i in front3], facecolors="none",
                   edgecolors="red", linewidths=1.5, label=f"not dominated in {a.x}, {a.y} and {a.size} ({len(front3)})")
    for i in sorted(set(front) | set(front3)):
        ax.annotate(short(", ".join(rows[i][c] for c in a.label) if a.label else rows[i]["point"], 40), pts[i], fontsize=6, xytext=(4, 3),
                    textcoords="offset points")
    ax.set_xscale("log"), ax.set_yscale("log")
    ax.set_xlabel(a.x + " (lower is better)"), ax.set_ylabel(a.y + " (lower is better)")
    ax.set_title(a.title or f"{a.x} vs {a.y}" + (f", size and colour: {a.size}" if a.size else ""), fontsize=10)
    ax.grid(which="both", alpha=0.3)
    ax.legend(fontsize=7)
    save(fig, a.o)


KINDS = {"roofline": roofline, "stalls": stalls, "energy": energy, "area": area, "sweep": sweep, "pareto": pareto}


def main():
    ap = argparse.ArgumentParser(usage=__doc__)
    ap.add_argument("kind", choices=KINDS)
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("-o", required=True, help="output path without extension")
    ap.add_argument("--x"), ap.add_argument("--y"), ap.add_argument("--size")
    ap.add_argument("--series", nargs="*", default=[]), ap.add_argument("--label", nargs="*", default=[])
    ap.add_argument("--logx", action="store_true"), ap.add_argument("--logy", action="store_true")
    ap.add_argument("--title")
    ap.add_argument("--where", nargs="*", default=[], help="keep the sweep table's rows with COL=VALUE")
    try:
        a = ap.parse_args()
    except SystemExit as e:
        return USAGE if e.code else 0
    if a.kind == "sweep" and not (a.x and a.y):
        print("plot.py: sweep needs --x COL and --y COL", file=sys.stderr)
        return USAGE
    if a.kind == "pareto":
        a.x, a.y = a.x or "simulated_us", a.y or "energy_pj"
    if a.kind in ("sweep", "pareto") and len(a.inputs) != 1:
        print("plot.py: sweep and pareto take one results.csv", file=sys.stderr)
        return USAGE
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    try:
        KINDS[a.kind](a, plt)
    except InputError as e:
        print(f"plot.py: {e}", file=sys.stderr)
        return BAD_INPUT
    return 0


if __name__ == "__main__":
    sys.exit(main())
