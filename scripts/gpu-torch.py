#!/usr/bin/env python3
"""The vendor rows PyTorch gives on the lent GPU (docs/gpu.md), in tilesim-gpu's JSON schema
(tilesim-gpu/1, every run `vendor: true`) so that `tilesim compare --gpu` reads them beside our
kernels: for each case of scripts/gpu-cases.txt (or the CASE arguments)
  gemm:int8:MxNxK    -> torch._int_mm (int8 -> int32), BF16 matmul, FP8 e4m3 torch._scaled_mm
  gemv:DT:RxC[xV]    -> BF16 matrix-vector product (the bandwidth-bound reference)
  attention:int8:... -> scaled_dot_product_attention in FP16 and BF16 (causal as the case says)
on random inputs of the same shape (these are float or vendor-tiled results: `match` is null, not
checked bit for bit; our own kernels' rows are). Times with CUDA events after warm-up; board power
through NVML (pynvml or torch.cuda.power_draw) where available; the CUDA kernels one iteration
launched, from the profiler, so the JSON says which kernel ran (e.g. an sm90 CUTLASS kernel).
Without torch or a GPU it exits 69 at once.
   gpu-torch.py [--json FILE] [--warmup N] [--reps N] [--cases FILE] [CASE...]"""
import argparse, datetime, json, os, sys, threading, time

NO_DEVICE = 69


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", default="gpu-torch.json")
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--reps", type=int, default=50)
    ap.add_argument("--cases", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "gpu-cases.txt"))
    ap.add_argument("case", nargs="*")
    a = ap.parse_args()
    try:
        import torch
    except ImportError:
        print("gpu-torch.py: no torch in this Python: nothing to run (exit 69)", file=sys.stderr)
        return NO_DEVICE
    if not torch.cuda.is_available():
        print("gpu-torch.py: torch sees no CUDA device: nothing to run (exit 69)", file=sys.stderr)
        return NO_DEVICE
    cases = a.case or [l.strip() for l in open(a.cases) if l.strip() and not l.startswith("#")]
    dev = torch.cuda.current_device()
    p = torch.cuda.get_device_properties(dev)
    power = Power(torch, dev)
    out = {"schema": "tilesim-gpu/1", "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "seed": None,
           "device": {"name": p.name, "sm_count": p.multi_processor_count, "compute_capability": f"{p.major}.{p.minor}",
                      "memory_gib": p.total_memory / 2**30, "runtime": torch.version.cuda, "torch": torch.__version__,
                      "nvml_power": power.ok},
           "runs": []}
    print(f"gpu-torch.py: {p.name}, {p.multi_processor_count} SMs, torch {torch.__version__}, CUDA {torch.version.cuda}")
    for c in cases:
        for run in vendor_runs(torch, c):
            try:
                rec = measure(torch, power, run, a.warmup, a.reps)
            except Exception as e:  # a vendor op the shape or this torch does not support: say so, go on
                print(f"  {run['case']:36s} {run['kernel']:28s} skipped: {str(e).splitlines()[0][:120]}")
                continue
            out["runs"].append(rec)
            print(f"  {rec['case']:36s} {rec['kernel']:28s} {rec['ms_mean']:9.4f} ms {rec['tops']:9.2f} TOPS")
    with open(a.json, "w") as f:
        json.dump(out, f, indent=1)
    print(f"gpu-torch.py: wrote {a.json}")
    return 0


class Power:
    """Mean board power (W) while a loop runs, sampled every 5 ms, or None."""

    def __init__(self, torch, dev):
        self.read = None
        try:
            import pynvml
            pynvml.nvmlInit()
            h = pynvml.nvmlDeviceGetHandleByIndex(dev)
            self.read = lambda: pynvml.nvmlDeviceGetPowerUsage(h) / 1000.0
        except Exception:
            try:
                torch.cuda.power_draw(dev)
                self.read = lambda: torch.cuda.power_draw(dev) / 1000.0
            except Exception:
                pass
        self.ok = self.read is not None

    def during(self, work):
        if not self.ok:
            work()
            return None
        samples, done = [], threading.Event()

        def sample():
            while not done.is_set():
                samples.append(self.read())
                time.sleep(0.005)

        t = threading.Thread(target=sample)
        t.start()
        work()
        done.set()
        t.join()
        return sum(samples) / len(samples) if samples else None


def vendor_runs(torch, case):
    """The vendor launches for one case: dicts with case, kernel, fields, ops, bytes, fn."""
    wl, dtype, shape, *flag = case.split(":")
    d = [int(x) for x in shape.split("x")]
    causal = flag == ["causal"]
    runs = []
    if wl == "gemm" and dtype == "int8" and not flag:
        m, n, k = d
        A = torch.randint(-128, 128, (m, k), dtype=torch.int8, device="cuda")
        B = torch.randint(-128, 128, (n, k), dtype=torch.int8, device="cuda")
        fields = {"m": m, "n": n, "k": k}
        ops = 2.0 * m * n * k
        runs.append(dict(case=case, kernel="torch._int_mm", fields=fields, ops=ops, bytes=m * k + n * k + 4 * m * n,
                         fn=lambda: torch._int_mm(A, B.t())))
        Ab, Bb = A.to(torch.bfloat16), B.to(torch.bfloat16)
        runs.append(dict(case=f"gemm:bf16:{shape}", kernel="torch.matmul bf16", fields=fields, ops=ops,
                         bytes=2 * (m * k + n * k + m * n), fn=lambda: Ab @ Bb.t()))
        if hasattr(torch, "float8_e4m3fn") and hasattr(torch, "_scaled_mm"):
            A8, B8 = A.to(torch.float8_e4m3fn), B.to(torch.float8_e4m3fn)
            one = torch.ones((), device="cuda")
            runs.append(dict(case=f"gemm:fp8:{shape}", kernel="torch._scaled_mm e4m3", fields=fields, ops=ops,
                             bytes=m * k + n * k + 2 * m * n,
                             fn=lambda: torch._scaled_mm(A8, B8.t(), scale_a=one, scale_b=one, out_dtype=torch.bfloat16)))
    elif wl == "gemv":
        r, cols = d[0], d[1]
        v = d[2] if len(d) > 2 else 1
        W = torch.randn(r, cols, dtype=torch.bfloat16, device="cuda")
        X = torch.randn(cols, v, dtype=torch.bfloat16, device="cuda")
        runs.append(dict(case=f"gemv:bf16:{shape}", kernel="torch.matmul bf16", fields={"rows": r, "cols": cols, "vectors": v},
                         ops=2.0 * r * cols * v, bytes=2 * (r * cols + cols * v + r * v), fn=lambda: W @ X))
    elif wl == "attention":
        b, h, s, dim = d
        pairs = s * (s + 1) / 2 if causal else s * s
        fields = {"batch": b, "heads": h, "seq": s, "head_dim": dim, "causal": causal}
        for dt, name in ((torch.float16, "fp16"), (torch.bfloat16, "bf16")):
            q, k_, v_ = (torch.randn(b, h, s, dim, dtype=dt, device="cuda") for _ in range(3))
            runs.append(dict(case=f"attention:{name}:{shape}" + (":causal" if causal else ""), kernel=f"torch sdpa {name}", fields=fields,
                             ops=4.0 * pairs * dim * b * h, bytes=2 * 4 * b * h * s * dim,
                             fn=lambda q=q, k_=k_, v_=v_: torch.nn.functional.scaled_dot_product_attention(q, k_, v_, is_causal=causal)))
    return runs


def measure(torch, power, run, warmup, reps):
    fn = run["fn"]
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    s.record()
    fn()
    e.record()
    e.synchronize()
    one = max(s.elapsed_time(e), 1e-3)
    n = max(reps, min(1000, int(200 / one)))  # at least ~200 ms of launches for the power samples
    ev = [(torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)) for _ in range(n)]

    def loop():
        for a, b in ev:
            a.record()
            fn()
            b.record()
        torch.cuda.synchronize()

    watts = power.during(loop)
    ms = [a.elapsed_time(b) for a, b in ev]
    kernels = []
    try:
        from torch.profiler import profile, ProfilerActivity
        with profile(activities=[ProfilerActivity.CUDA]) as prof:
            fn()
            torch.cuda.synchronize()
        kernels = sorted({ev.name for ev in prof.events() if ev.device_type.name == "CUDA"})[:8]
    except Exception:
        pass
    wl, dtype = run["case"].split(":")[:2]
    mean = sum(ms) / len(ms)
    rec = {"case": run["case"], "workload": wl, "dtype": dtype, **run["fields"], "kernel": run["kernel"], "vendor": True, "reps": n,
           "ms_mean": mean, "ms_min": min(ms), "ops": run["ops"], "tops": run["ops"] / (mean * 1e-3) / 1e12,
           "gb_per_s": run["bytes"] / (mean * 1e-3) / 1e9,
           "power_w": watts, "pj_per_op": watts * mean * 1e-3 / run["ops"] * 1e12 if watts else None,
           "match": None, "mismatches": None, "cuda_kernels": kernels}
    return rec


if __name__ == "__main__":
    sys.exit(main())
