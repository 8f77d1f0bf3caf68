#!/usr/bin/python3
"""Old and new binaries, same results (not a test): every case of the shape sweep (its --list for
a seed) and the pinned runs, run with both binaries; cycles, every counter, the result and the
report's simulated numbers must be equal (host times, speeds and the kernel-set name excluded).
For a move-and-carve change, which must not change what is simulated.
  bench/same_results.py OLD_TILESIM NEW_TILESIM CONFIG_DIR [--seed S] [--set small|big] [--jobs N]"""
import argparse, concurrent.futures, json, os, shlex, subprocess, sys, tempfile

SKIP = {"effective_config", "sim_mcycles_per_s", "kernels", "tile_mma_int4"}


def flat(d, prefix=""):
    out = {}
    for k, v in d.items():
        key = prefix + k
        if isinstance(v, dict):
            out.update(flat(v, key + "_"))
        elif not key.startswith("host_") and key not in SKIP:
            out[key] = v
    return out


def run(binary, case, path):
    p = subprocess.run([binary, "run", "-q"] + case + ["--stats-json", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return {"exit": p.returncode, "stderr": p.stderr.strip()}
    d = flat(json.load(open(path)))
    d["exit"] = p.returncode
    return d


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("config_dir")
    ap.add_argument("--seed", default="20261201")
    ap.add_argument("--set", default="small")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    o = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    sweep = os.path.join(here, "..", "tests", "scripts", "shape_sweep.py")
    lst = subprocess.run(["/usr/bin/python3", sweep, o.new, o.config_dir, "--seed", o.seed, "--set", o.set, "--list"],
                         stdout=subprocess.PIPE, text=True, check=True).stdout.splitlines()[1:]
    cases = [shlex.split(l) for l in lst]
    tmp = tempfile.mkdtemp()

    def one(i):
        a = run(o.old, cases[i], f"{tmp}/o{i}.json")
        b = run(o.new, cases[i], f"{tmp}/n{i}.json")
        diff = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k) and k in a)
        return i, diff, a, b

    bad = new_only = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=o.jobs) as ex:
        for i, diff, a, b in ex.map(one, range(len(cases))):
            if a.get("exit") == 64 and b.get("exit") == 0:  # an option the old binary does not have
                new_only += 1
                continue
            if diff:
                bad += 1
                print("DIFFER:", " ".join(cases[i]))
                for k in diff[:8]:
                    print(f"    {k}: old {a.get(k)} new {b.get(k)}")
    same = len(cases) - bad - new_only
    print(f"{same} of {len(cases) - new_only} sweep cases ({o.set}, seed {o.seed}) identical in cycles, counters and result"
          f" ({new_only} more cases use options only the new binary has)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
