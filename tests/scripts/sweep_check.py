#!/usr/bin/python3
"""tilesim sweep end to end (docs/sweep.md): a 2x2 sweep gives 4 points and a merged table with
the swept parameters as columns; an invalid point is recorded (exit code, message) while the
other three complete, and the sweep exits 79; a resumed sweep reruns nothing; a changed spec is
refused (65) and --restart accepts it; zip x axes; --emit parallel runs under GNU parallel and
merges to the same table; the Slurm script has one array task per point and each index runs
exactly that point; bad specs get file:line errors (65).
   sweep_check.py TILESIM FIXTURE_DIR"""
import csv, json, os, re, shutil, subprocess, sys, tempfile

tilesim, fx = sys.argv[1], os.path.abspath(sys.argv[2])
bad = []


def sweep(*args, cwd=None):
    return subprocess.run([tilesim, "sweep", *args], capture_output=True, text=True, cwd=cwd)


def table(d):
    return list(csv.DictReader(open(os.path.join(d, "results.csv"))))


def stable(rows):  # what must not depend on how the points were run
    drop = {"host_seconds_sim", "host_seconds_inputs", "host_seconds_check", "host_seconds_total", "sim_mcycles_per_s", "kernels"}
    return [{k: v for k, v in r.items() if k not in drop} for r in rows]


with tempfile.TemporaryDirectory() as tmp:
    # 2x2: four points, the swept parameters as columns, every point ok
    out = os.path.join(tmp, "grid")
    r = sweep("--spec", os.path.join(fx, "grid.yaml"), "--out", out, "--jobs", "2")
    rows = table(out) if os.path.exists(os.path.join(out, "results.csv")) else []
    if r.returncode != 0 or len(rows) != 4:
        bad.append(f"2x2: exit {r.returncode}, {len(rows)} rows: {r.stderr}")
    else:
        got = sorted((x["tile.mac.engines"], x["dram.bandwidth_mb_s"], x["status"], x["result"]) for x in rows)
        want = sorted((e, b, "ok", "PASS") for e in ("1", "2") for b in ("16000", "32000"))
        if got != want:
            bad.append(f"2x2 table: {got}")
        if len({x["cycles"] for x in rows}) < 2:
            bad.append("2x2: the swept parameters changed nothing (all cycles equal)")
        for x in rows:
            if not os.path.exists(os.path.join(out, "points", x["point"] + ".json")):
                bad.append(f"no stats JSON for point {x['point']}")
        res = json.load(open(os.path.join(out, "results.json")))
        if len(res["points"]) != 4 or any("stats" not in p for p in res["points"]):
            bad.append("results.json lacks a point's stats")
        # resumed: nothing reruns (no status file is rewritten)
        st = {f: os.stat(os.path.join(out, "points", f)).st_mtime_ns for f in os.listdir(os.path.join(out, "points")) if f.endswith(".status.json")}
        r2 = sweep("--spec", os.path.join(fx, "grid.yaml"), "--out", out)
        st2 = {f: os.stat(os.path.join(out, "points", f)).st_mtime_ns for f in st}
        if r2.returncode != 0 or st != st2 or "4 of 4 points ran before" not in r2.stderr:
            bad.append(f"resume: exit {r2.returncode}, statuses rewritten: {st != st2}; {r2.stderr}")
        if stable(table(out)) != stable(rows):
            bad.append("resume: the merged table changed")
        # a changed spec is refused, --restart takes it
        changed = os.path.join(tmp, "changed.yaml")
        open(changed, "w").write(open(os.path.join(fx, "grid.yaml")).read().replace("32000", "64000").replace("../../../configs",
                                                                                                          os.path.join(fx, "../../../configs")))
        r3 = sweep("--spec", changed, "--out", out)
        if r3.returncode != 65 or "another spec" not in r3.stderr:
            bad.append(f"changed spec: exit {r3.returncode}: {r3.stderr}")
        r4 = sweep("--spec", changed, "--out", out, "--restart")
        if r4.returncode != 0 or sorted(x["dram.bandwidth_mb_s"] for x in table(out)) != ["16000", "16000", "64000", "64000"]:
            bad.append(f"--restart: exit {r4.returncode}: {r4.stderr}")

    # one invalid point of four
    out = os.path.join(tmp, "bad")
    r = sweep("--spec", os.path.join(fx, "one_bad.yaml"), "--out", out)
    rows = table(out) if os.path.exists(os.path.join(out, "results.csv")) else []
    failed = [x for x in rows if x["status"] == "failed"]
    ok = [x for x in rows if x["status"] == "ok"]
    if r.returncode != 79 or len(rows) != 4 or len(ok) != 2 or len(failed) != 2:
        bad.append(f"invalid point: exit {r.returncode}, {len(ok)} ok, {len(failed)} failed: {r.stdout}{r.stderr}")
    for x in failed:
        if x["args.m"] != "0" or x["exit_code"] != "64" or "--m 0" not in x["message"]:
            bad.append(f"failed point recorded as {x['point']} exit {x['exit_code']}: {x['message']}")

    # zip x axes
    out = os.path.join(tmp, "zip")
    r = sweep("--spec", os.path.join(fx, "zipped.yaml"), "--out", out)
    rows = table(out) if os.path.exists(os.path.join(out, "results.csv")) else []
    pairs = sorted((x["args.dtype"], x["args.m"], x["args.n"]) for x in rows)
    want = sorted((d, m, n) for d in ("int8", "ternary") for m, n in (("16", "16"), ("33", "40"), ("64", "64")))
    if r.returncode != 0 or pairs != want:
        bad.append(f"zip: exit {r.returncode}, {pairs}: {r.stderr}")

    # a workload list with per-workload options, null values, two zip groups crossed
    out = os.path.join(tmp, "mixed")
    r = sweep("--spec", os.path.join(fx, "mixed.yaml"), "--out", out)
    rows = table(out) if os.path.exists(os.path.join(out, "results.csv")) else []
    got = sorted((x["workload"], x["args.dtype"], x["tile.mac.rows"], x["status"]) for x in rows)
    if rows and not all(x["report_workload"].startswith(x["workload"] + " ") for x in rows):
        bad.append("mixed: the report's workload column is not kept as report_workload")
    want = sorted((w, d, g, "ok") for w, d in (("gemm", "int8"), ("gemm", "ternary"), ("bitnet", "")) for g in ("8", "16"))
    man = json.load(open(os.path.join(out, "sweep.json"))) if r.returncode == 0 else {"points": []}
    for p in man["points"]:
        a = p["argv"]
        wl = a[a.index("--workload") + 1]
        if (wl == "bitnet") != ("--dtype" not in a) or (wl == "gemm") != ("--m" in a) or (wl == "bitnet") != ("--tokens" in a):
            bad.append(f"mixed: point {p['name']} has the wrong options: {a}")
    if r.returncode != 0 or got != want:
        bad.append(f"mixed: exit {r.returncode}, {got}: {r.stderr}")

    # GNU parallel: the same table as the local pool
    if shutil.which("parallel"):
        out = os.path.join(tmp, "par")
        r = sweep("--spec", os.path.join(fx, "grid.yaml"), "--out", out, "--emit", "parallel")
        jobs = open(os.path.join(out, "jobs.txt")).read().splitlines() if r.returncode == 0 else []
        if len(jobs) != 4:
            bad.append(f"--emit parallel: exit {r.returncode}, {len(jobs)} jobs: {r.stderr}")
        p = subprocess.run(["parallel", "--will-cite", "--jobs", "2"], stdin=open(os.path.join(out, "jobs.txt")), capture_output=True, text=True)
        m = sweep("--merge", out)
        local = os.path.join(tmp, "local")
        sweep("--spec", os.path.join(fx, "grid.yaml"), "--out", local)
        if p.returncode != 0 or m.returncode != 0 or stable(table(out)) != stable(table(local)):
            bad.append(f"GNU parallel: parallel exit {p.returncode}, merge exit {m.returncode}, tables equal: "
                       f"{stable(table(out)) == stable(table(local)) if m.returncode == 0 else '-'}")
    else:
        print("GNU parallel is not installed: its path not tested here (scripts/debian-packages.txt lists it)")

    # Slurm: one array task per point; each index runs exactly its point
    out = os.path.join(tmp, "slurm")
    r = sweep("--spec", os.path.join(fx, "zipped.yaml"), "--out", out, "--emit", "slurm")
    script = open(os.path.join(out, "sweep.sbatch")).read() if r.returncode == 0 else ""
    arr = re.search(r"^#SBATCH --array=0-(\d+)$", script, re.M)
    if not arr or int(arr.group(1)) != 5 or '--point "$SLURM_ARRAY_TASK_ID"' not in script:
        bad.append(f"sbatch script: {script}")
    man = json.load(open(os.path.join(out, "sweep.json")))
    for i in range(6):
        before = {f for f in os.listdir(os.path.join(out, "points")) if f.endswith(".status.json")}
        subprocess.run(["bash", os.path.join(out, "sweep.sbatch")], env={**os.environ, "SLURM_ARRAY_TASK_ID": str(i)}, capture_output=True)
        new = {f for f in os.listdir(os.path.join(out, "points")) if f.endswith(".status.json")} - before
        if new != {man["points"][i]["name"] + ".status.json"}:
            bad.append(f"array index {i} ran {sorted(new)}, expected point {man['points'][i]['name']}")
    nt = subprocess.run(["bash", os.path.join(out, "sweep.sbatch")], capture_output=True, text=True, env={k: v for k, v in os.environ.items()
                                                                                                      if k != "SLURM_ARRAY_TASK_ID"})
    if nt.returncode == 0:
        bad.append("the sbatch script ran without SLURM_ARRAY_TASK_ID")
    if sweep("--merge", out).returncode != 0:
        bad.append("merge after the six array tasks: not all ok")

    # bad specs: file:line errors, exit 65
    cases = {
        "unknown top-level key": ("workload: gemm\nargz: {m: 3}\n", "s.yaml:2: argz: unknown key"),
        "empty axis": ("workload: gemm\naxes:\n  dram.bandwidth_mb_s: []\n", "s.yaml:3: dram.bandwidth_mb_s: an empty list"),
        "unknown config key": ("workload: gemm\naxes:\n  tile.mac.enginez: [1, 2]\n", "s.yaml:3: tile.mac.enginez: unknown key"),
        "out of range": ("workload: gemm\naxes:\n  tile.mac.engines:\n    - 1\n    - 999\n", "s.yaml:5: tile.mac.engines: value 999"),
        "wrong type": ("workload: gemm\naxes:\n  dram.bandwidth_mb_s: fast\n", "s.yaml:3: dram.bandwidth_mb_s: expected a list"),
        "axis not a list of scalars": ("workload: gemm\naxes:\n  args.m: [[1, 2]]\n", "s.yaml:3: args.m: expected a number"),
        "zip lengths": ("workload: gemm\nzip:\n  args.m: [1, 2]\n  args.n: [1]\n", "s.yaml:4: zip.args.n: 1 values"),
        "twice": ("workload: gemm\nargs: {m: 4}\naxes:\n  args.m: [1, 2]\n", "s.yaml:4: args.m: is set twice"),
        "no workload": ("axes:\n  args.m: [1, 2]\n", "s.yaml:1: workload: missing"),
        "not YAML": ("workload: [gemm\n", "s.yaml:2: not valid YAML"),
        "options of a workload not run": ("workload: gemm\nargs:\n  gemv: {rows: 4}\n", "s.yaml:3: args.gemv: options of a workload this sweep does not run"),
        "all null": ("workload: gemm\naxes:\n  args.m: [null, ~]\n", "s.yaml:3: args.m: every value is null"),
        "zip group lengths": ("workload: gemm\nzip:\n  - {args.m: [1, 2]}\n  - {args.n: [1], args.k: [1, 2]}\n", "s.yaml:4: zip.args.k: 2 values"),
    }
    for what, (text, want) in cases.items():
        d = os.path.join(tmp, "spec-" + what.replace(" ", "-"))
        os.mkdir(d)
        open(os.path.join(d, "s.yaml"), "w").write(text)
        r = sweep("--spec", "s.yaml", "--out", "o", cwd=d)
        if r.returncode != 65 or want not in r.stderr:
            bad.append(f"bad spec ({what}): exit {r.returncode}, expected 65 with '{want}': {r.stderr.strip()}")
    broken = os.path.join(tmp, "broken")
    os.mkdir(broken)
    open(os.path.join(broken, "sweep.json"), "w").write("not json")
    r = sweep("--merge", broken)
    if r.returncode != 65 or "sweep.json" not in r.stderr:
        bad.append(f"a broken manifest: exit {r.returncode}, expected 65 naming it: {r.stderr.strip()}")
    r = sweep("--out", os.path.join(tmp, "grid"), "--point", "99")
    if r.returncode != 64 or "the sweep has 4 points" not in r.stderr:
        bad.append(f"--point 99 of 4: exit {r.returncode}: {r.stderr.strip()}")
    r = sweep("--spec", os.path.join(tmp, "none.yaml"), "--out", os.path.join(tmp, "o"))
    if r.returncode != 66:
        bad.append(f"missing spec: exit {r.returncode}, expected 66")
    for args, code in ((["--out", tmp], 64), (["--spec", os.path.join(fx, "grid.yaml")], 64), (["--merge", os.path.join(tmp, "nothing")], 65),
                       (["--spec", os.path.join(fx, "grid.yaml"), "--out", os.path.join(tmp, "g2"), "--emit", "pbs"], 64)):
        r = sweep(*args)
        if r.returncode != code:
            bad.append(f"sweep {' '.join(args)}: exit {r.returncode}, expected {code}")
for b in bad:
    print(b)
print(f"sweep: {len(bad)} problem(s)")
sys.exit(1 if bad else 0)
