// tilesim-gpu's workloads (harness.h): for each, the case form, the inputs (wl::recipe, the same
// bytes `tilesim run --seed S` simulates), the golden output (the golden models, on the host's
// CPUs) and the launches: our CUDA-core reference, our tensor-core kernel, the vendor's.
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#if defined(TILESIM_GPU_CUBLASLT)
#include <cublasLt.h>
#endif

#include "sim/report/npy.h"
#include "workloads/attention/golden.h"
#include "workloads/bitnet/golden.h"
#include "workloads/cuda/fixed_point.h"
#include "workloads/cuda/harness.h"
#include "workloads/cuda/kernels.h"
#include "workloads/host/golden/golden.h"
#include "workloads/host/recipes.h"

namespace tsgpu {
namespace {

template <class T>
std::vector<uint8_t> bytes_of(const std::vector<T>& v) {
  std::vector<uint8_t> b(v.size() * sizeof(T));
  if (!b.empty()) std::memcpy(b.data(), v.data(), b.size());
  return b;
}
template <class T>
std::unique_ptr<DeviceBuffer<T>> upload(const std::vector<T>& h) {
  return std::make_unique<DeviceBuffer<T>>(h);
}
template <class T>
std::unique_ptr<DeviceBuffer<T>> scratch(size_t n) {
  return std::make_unique<DeviceBuffer<T>>(n);
}

void need(bool ok, const Case& c, const std::string& why) {
  if (!ok) throw UsageError("case '" + c.text + "': " + why);
}
void dtypes(const Case& c, std::initializer_list<const char*> allowed) {
  for (const char* d : allowed)
    if (c.dtype == d) return;
  std::string list;
  for (const char* d : allowed) list += (list.empty() ? "" : " or ") + std::string(d);
  throw UsageError("case '" + c.text + "': dtype is " + list);
}
void flags(const Case& c, const char* allowed) {
  need(c.flag.empty() || (allowed && c.flag == allowed), c, "unknown flag ':" + c.flag + "'" + (allowed ? std::string(" (only :") + allowed + ")" : ""));
}

/// The CUDA-core references are slow: run them up to ~2^33 MACs (2048^3).
constexpr double kSimtMaxMacs = 8.6e9;

#if defined(TILESIM_GPU_CUBLASLT)
/// cuBLASLt int8 GEMM, C (M x N, row major) = A B^T as the column-major D (N x M) = B' A with
/// B' = our B (K x N col major) transposed: the TN form int8 needs. false (and why) if cuBLASLt
/// has no algorithm for the shape.
bool cublaslt_gemm(const int8_t* a, const int8_t* b, int32_t* c, int m, int n, int k, std::function<void()>& launch, std::string& why) {
  static cublasLtHandle_t h = nullptr;
  if (!h && cublasLtCreate(&h) != CUBLAS_STATUS_SUCCESS) return why = "cublasLtCreate failed", false;
  cublasLtMatmulDesc_t op;
  cublasLtMatrixLayout_t la, lb, lc;
  cublasLtMatmulDescCreate(&op, CUBLAS_COMPUTE_32I, CUDA_R_32I);
  const cublasOperation_t t = CUBLAS_OP_T, nn = CUBLAS_OP_N;
  cublasLtMatmulDescSetAttribute(op, CUBLASLT_MATMUL_DESC_TRANSA, &t, sizeof t);
  cublasLtMatmulDescSetAttribute(op, CUBLASLT_MATMUL_DESC_TRANSB, &nn, sizeof nn);
  cublasLtMatrixLayoutCreate(&la, CUDA_R_8I, k, n, k);
  cublasLtMatrixLayoutCreate(&lb, CUDA_R_8I, k, m, k);
  cublasLtMatrixLayoutCreate(&lc, CUDA_R_32I, n, m, n);
  static void* ws = nullptr;
  const size_t ws_bytes = 32 << 20;
  if (!ws) cudaMalloc(&ws, ws_bytes);
  cublasLtMatmulPreference_t pref;
  cublasLtMatmulPreferenceCreate(&pref);
  cublasLtMatmulPreferenceSetAttribute(pref, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &ws_bytes, sizeof ws_bytes);
  cublasLtMatmulHeuristicResult_t res{};
  int found = 0;
  cublasLtMatmulAlgoGetHeuristic(h, op, la, lb, lc, lc, pref, 1, &res, &found);
  if (found == 0) return why = "cuBLASLt has no int8 algorithm for this shape", false;
  launch = [=] {
    static const int32_t alpha = 1, beta = 0;
    cublasLtMatmul(h, op, &alpha, b, la, a, lb, &beta, c, lc, c, lc, &res.algo, ws, ws_bytes, 0);
  };
  return true;
}
#endif

// ---- GEMM: gemm:int8|ternary:MxNxK[:requant] -------------------------------------------------
CaseKind gemm_kind() {
  CaseKind k;
  k.workload = "gemm";
  k.usage = "gemm:int8|ternary:MxNxK[:requant]";
  k.parse = [](Case& c) {
    dtypes(c, {"int8", "ternary"});
    flags(c, "requant");
    need(c.dims.size() == 3, c, "gemm shape is MxNxK");
  };
  k.write_inputs = [](const Case& c, uint64_t seed, const std::string& dir) {
    const uint32_t m = c.dims[0], n = c.dims[1], kk = c.dims[2];
    const wl::recipe::Gemm in = wl::recipe::gemm(m, n, kk, c.dtype, seed);
    report::write_npy(dir + "/A.npy", "|i1", {m, kk}, in.a.data(), in.a.size());
    if (c.dtype == "ternary") report::write_npy(dir + "/B_ternary_packed.npy", "|u1", {n, (kk + 3) / 4}, in.bt.data(), in.bt.size());
    else report::write_npy(dir + "/B.npy", "|i1", {n, kk}, in.b.data(), in.b.size());
  };
  k.describe = [](const Case& c, Json& r) { r.put("m", int(c.dims[0])).put("n", int(c.dims[1])).put("k", int(c.dims[2])).put("requant", !c.flag.empty()); };
  k.prepare = [](const Case& c, const HarnessOptions& o) {
    const int m = int(c.dims[0]), n = int(c.dims[1]), kk = int(c.dims[2]);
    const bool tern = c.dtype == "ternary", rq = !c.flag.empty();
    const wl::recipe::Gemm in = wl::recipe::gemm(m, n, kk, c.dtype, o.seed);
    const std::vector<int32_t> want = tern ? golden::gemm_t2(in.a, in.bt, m, n, kk) : golden::gemm_i8(in.a, in.b, m, n, kk);
    Prepared p;
    const size_t outs = size_t(m) * n;
    const int32_t scale = 1;
    const uint32_t shift = wl::recipe::gemm_requant_shift(c.dtype);
    if (rq) {
      std::vector<int8_t> w8(outs);
      for (size_t e = 0; e < outs; ++e) w8[e] = golden::requant(want[e], scale, shift);
      p.want = bytes_of(w8), p.descr = "|i1";
    } else {
      p.want = bytes_of(want), p.descr = "<i4";
    }
    if (!o.device) return p;
    const int8_t* a = p.own(upload(in.a));
    const uint8_t* b = p.own(upload(tern ? in.bt : std::vector<uint8_t>(in.b.begin(), in.b.end())));
    int32_t* acc = p.own(scratch<int32_t>(outs));
    int8_t* out8 = rq ? p.own(scratch<int8_t>(outs)) : nullptr;
    p.out = rq ? static_cast<void*>(out8) : static_cast<void*>(acc);
    p.out_bytes = p.want.size();
    p.shape = {uint64_t(m), uint64_t(n)};
    p.ops = 2.0 * m * n * kk;
    p.bytes = double(in.a.size()) + double(tern ? in.bt.size() : in.b.size()) + double(p.out_bytes);
    auto epi = [=](std::function<void()> f) -> std::function<void()> {
      if (!rq) return f;
      return [=] { f(), requant_i8(acc, out8, outs, scale, shift); };
    };
    const int8_t* b8 = reinterpret_cast<const int8_t*>(b);
    if (double(m) * n * kk <= kSimtMaxMacs)
      p.launches.push_back({"simt", epi(tern ? std::function<void()>([=] { gemm_t2_simt(a, b, acc, m, n, kk); })
                                            : std::function<void()>([=] { gemm_i8_simt(a, b8, acc, m, n, kk); }))});
    p.launches.push_back({"mma_sync", epi(tern ? std::function<void()>([=] { gemm_t2_mma(a, b, acc, m, n, kk); })
                                              : std::function<void()>([=] { gemm_i8_mma(a, b8, acc, m, n, kk); }))});
    if (!tern && gemm_i8_wgmma_supported(m, n, kk))
      p.launches.push_back({"wgmma", epi(std::function<void()>([=] { gemm_i8_wgmma(a, b8, acc, m, n, kk); }))});
#if defined(TILESIM_GPU_CUBLASLT)
    if (o.vendor && !tern && !rq) {
      std::function<void()> l;
      std::string why;
      if (cublaslt_gemm(a, b8, acc, m, n, kk, l, why)) p.launches.push_back({"cublaslt_int8", l, true});
      else std::printf("  %s: cuBLASLt: %s\n", c.text.c_str(), why.c_str());
    }
#endif
    return p;
  };
  return k;
}

// ---- GEMV: gemv:int8|ternary:ROWSxCOLS[xVECTORS] ---------------------------------------------
CaseKind gemv_kind() {
  CaseKind k;
  k.workload = "gemv";
  k.usage = "gemv:int8|ternary:ROWSxCOLS[xVECTORS]";
  k.parse = [](Case& c) {
    dtypes(c, {"int8", "ternary"});
    flags(c, nullptr);
    need(c.dims.size() == 2 || c.dims.size() == 3, c, "gemv shape is ROWSxCOLS[xVECTORS]");
    if (c.dims.size() == 2) c.dims.push_back(1);
    need(c.dims[2] <= 16, c, "at most 16 vectors");
  };
  k.write_inputs = [](const Case& c, uint64_t seed, const std::string& dir) {
    const uint32_t r = c.dims[0], cols = c.dims[1], v = c.dims[2];
    const wl::recipe::Gemv in = wl::recipe::gemv(r, cols, v, c.dtype == "ternary", seed);
    if (c.dtype == "ternary") report::write_npy(dir + "/W_ternary_packed.npy", "|u1", {r, (cols + 3) / 4}, in.w.data(), in.w.size());
    else report::write_npy(dir + "/W.npy", "|i1", {r, cols}, in.w.data(), in.w.size());
    report::write_npy(dir + "/X.npy", "|i1", {v, cols}, in.x.data(), in.x.size());
  };
  k.describe = [](const Case& c, Json& r) { r.put("rows", int(c.dims[0])).put("cols", int(c.dims[1])).put("vectors", int(c.dims[2])); };
  k.prepare = [](const Case& c, const HarnessOptions& o) {
    const int r = int(c.dims[0]), cols = int(c.dims[1]), v = int(c.dims[2]);
    const bool tern = c.dtype == "ternary";
    const wl::recipe::Gemv in = wl::recipe::gemv(r, cols, v, tern, o.seed);
    Prepared p;
    p.want = bytes_of(golden::gemv(in.w, in.x, r, cols, v, tern));
    p.descr = "<i4";
    if (!o.device) return p;
    const uint8_t* w = p.own(upload(in.w));
    const int8_t* x = p.own(upload(in.x));
    int32_t* y = p.own(scratch<int32_t>(size_t(r) * v));
    p.out = y, p.out_bytes = p.want.size(), p.shape = {uint64_t(r), uint64_t(v)};
    p.ops = 2.0 * r * cols * v;
    p.bytes = double(in.w.size()) + double(in.x.size()) + double(p.out_bytes);
    p.launches.push_back({"simt", tern ? std::function<void()>([=] { gemv_t2(w, x, y, r, cols, v); })
                                       : std::function<void()>([=] { gemv_i8(reinterpret_cast<const int8_t*>(w), x, y, r, cols, v); })});
    return p;
  };
  return k;
}

// ---- attention: attention:int8:BxHxSxD[:causal] ----------------------------------------------
CaseKind attention_kind() {
  CaseKind k;
  k.workload = "attention";
  k.usage = "attention:int8:BATCHxHEADSxSEQxDIM[:causal] (DIM 64 or 128, SEQ <= 32767)";
  k.parse = [](Case& c) {
    dtypes(c, {"int8"});
    flags(c, "causal");
    need(c.dims.size() == 4, c, "attention shape is BATCHxHEADSxSEQxDIM");
    need(c.dims[3] == 64 || c.dims[3] == 128, c, "head dim is 64 or 128");
    need(c.dims[2] <= 32767, c, "seq at most 32767 (the Q16 row sum wraps at 2^15 keys, docs/workloads.md)");
    need(uint64_t(c.dims[0]) * c.dims[1] <= 65535, c, "batch x heads at most 65535");
  };
  k.write_inputs = [](const Case& c, uint64_t seed, const std::string& dir) {
    const wl::recipe::Attention in = wl::recipe::attention(c.dims[0], c.dims[1], c.dims[2], c.dims[3], !c.flag.empty(), seed);
    const std::vector<uint64_t> shape{c.dims[0], c.dims[1], c.dims[2], c.dims[3]};
    report::write_npy(dir + "/Q.npy", "|i1", shape, in.q.data(), in.q.size());
    report::write_npy(dir + "/K.npy", "|i1", shape, in.k.data(), in.k.size());
    report::write_npy(dir + "/V.npy", "|i1", shape, in.v.data(), in.v.size());
  };
  k.describe = [](const Case& c, Json& r) {
    r.put("batch", int(c.dims[0])).put("heads", int(c.dims[1])).put("seq", int(c.dims[2])).put("head_dim", int(c.dims[3])).put("causal", !c.flag.empty());
  };
  k.prepare = [](const Case& c, const HarnessOptions& o) {
    const golden::AttentionShape s{c.dims[0], c.dims[1], c.dims[2], c.dims[3], !c.flag.empty()};
    const wl::recipe::Attention in = wl::recipe::attention(s.batch, s.heads, s.seq, s.dim, s.causal, o.seed);
    Prepared p;
    p.want = bytes_of(golden::attention_fixed(s, in.q, in.k, in.v, in.c, in.out_mul, in.out_shift));
    p.descr = "|i1";
    if (!o.device) return p;
    const auto lut = exp2_table();
    AttentionArgs a{};
    a.q = p.own(upload(in.q)), a.k = p.own(upload(in.k)), a.v = p.own(upload(in.v));
    a.out = p.own(scratch<int8_t>(in.q.size()));
    a.lut = p.own(upload(std::vector<int64_t>(lut.begin(), lut.end())));
    a.slices = int(s.batch * s.heads), a.seq = int(s.seq), a.dim = int(s.dim), a.causal = s.causal;
    a.c = in.c, a.out_mul = in.out_mul, a.shift = in.out_shift;
    p.out = a.out, p.out_bytes = p.want.size(), p.shape = {uint64_t(s.batch) * s.heads * s.seq, s.dim};
    const double pairs = s.causal ? double(s.seq) * (s.seq + 1) / 2 : double(s.seq) * s.seq;
    p.ops = 4.0 * pairs * s.dim * s.batch * s.heads;  // Q K^T and P V: 2 x 2 ops per pair and dim
    p.bytes = 4.0 * double(in.q.size());
    if (p.ops / 2 <= kSimtMaxMacs / 4) p.launches.push_back({"simt", [=] { attention_simt(a); }});
    p.launches.push_back({"mma_sync", [=] { attention_mma(a); }});
    return p;
  };
  return k;
}

// ---- BitNet: bitnet:ternary:TOKENSxINxOUT (one layer) or TOKENSxINxHIDDENxOUT (the MLP) ----------
CaseKind bitnet_kind() {
  CaseKind k;
  k.workload = "bitnet";
  k.usage = "bitnet:ternary:TOKENSxINxOUT (a layer) | bitnet:ternary:TOKENSxINxHIDDENxOUT (the MLP)";
  k.parse = [](Case& c) {
    dtypes(c, {"ternary"});
    flags(c, nullptr);
    need(c.dims.size() == 3 || c.dims.size() == 4, c, "bitnet shape is TOKENSxINxOUT or TOKENSxINxHIDDENxOUT");
  };
  // dims -> tokens, in, hidden, out, layers (hidden unused for one layer, as the driver's default)
  struct Shape {
    uint32_t t, in, hidden, out, layers;
  };
  static const auto shape = [](const Case& c) {
    return c.dims.size() == 4 ? Shape{c.dims[0], c.dims[1], c.dims[2], c.dims[3], 2} : Shape{c.dims[0], c.dims[1], 2048, c.dims[2], 1};
  };
  k.write_inputs = [](const Case& c, uint64_t seed, const std::string& dir) {
    const Shape s = shape(c);
    const wl::recipe::Bitnet in = wl::recipe::bitnet(s.t, s.in, s.hidden, s.out, s.layers, seed);
    report::write_npy(dir + "/X_q8.npy", "<i4", {s.t, s.in}, in.x.data(), in.x.size() * 4);
    const uint32_t first = s.layers == 2 ? s.hidden : s.out;
    report::write_npy(dir + "/W1_ternary_packed.npy", "|u1", {first, (s.in + 3) / 4}, in.l1.packed.data(), in.l1.packed.size());
    if (s.layers == 2) report::write_npy(dir + "/W2_ternary_packed.npy", "|u1", {s.out, (s.hidden + 3) / 4}, in.l2.packed.data(), in.l2.packed.size());
  };
  k.describe = [](const Case& c, Json& r) {
    const Shape s = shape(c);
    r.put("tokens", int(s.t)).put("in_features", int(s.in)).put("out_features", int(s.out)).put("layers", int(s.layers));
    if (s.layers == 2) r.put("hidden", int(s.hidden));
  };
  k.prepare = [](const Case& c, const HarnessOptions& o) {
    const Shape s = shape(c);
    const wl::recipe::Bitnet in = wl::recipe::bitnet(s.t, s.in, s.hidden, s.out, s.layers, o.seed);
    const bool mlp = s.layers == 2;
    const uint32_t first = mlp ? s.hidden : s.out;
    std::vector<int32_t> want = golden::bitnet_linear(in.x, in.l1.packed, s.t, s.in, first, in.l1.k, mlp);
    if (mlp) want = golden::bitnet_linear(want, in.l2.packed, s.t, s.hidden, s.out, in.l2.k, false);
    Prepared p;
    p.want = bytes_of(want), p.descr = "<i4";
    if (!o.device) return p;
    const uint32_t widest = std::max(s.in, mlp ? std::max(s.hidden, s.out) : s.out);
    BitnetLayerArgs l1{};
    l1.x = p.own(upload(in.x));
    l1.w = p.own(upload(in.l1.packed));
    l1.xq = p.own(scratch<int8_t>(size_t(s.t) * widest));
    l1.amax = p.own(scratch<int32_t>(s.t));
    l1.acc = p.own(scratch<int32_t>(size_t(s.t) * widest));
    l1.tokens = int(s.t), l1.in = int(s.in), l1.out = int(first), l1.k = in.l1.k, l1.relu = mlp;
    int32_t* y = p.own(scratch<int32_t>(size_t(s.t) * s.out));
    BitnetLayerArgs l2 = l1;
    if (mlp) {
      l1.y = p.own(scratch<int32_t>(size_t(s.t) * s.hidden));
      l2.x = l1.y, l2.w = p.own(upload(in.l2.packed)), l2.y = y;
      l2.in = int(s.hidden), l2.out = int(s.out), l2.k = in.l2.k, l2.relu = false;
    } else {
      l1.y = y;
    }
    p.out = y, p.out_bytes = p.want.size(), p.shape = {s.t, s.out};
    const double macs = mlp ? double(s.t) * s.in * s.hidden + double(s.t) * s.hidden * s.out : double(s.t) * s.in * s.out;
    p.ops = 2.0 * macs;
    p.bytes = 4.0 * in.x.size() + in.l1.packed.size() + in.l2.packed.size() + double(p.out_bytes);
    for (bool tc : {false, true}) {
      if (!tc && macs > kSimtMaxMacs) continue;
      p.launches.push_back({tc ? "mma_sync" : "simt", [=] {
                              bitnet_layer(l1, tc);
                              if (mlp) bitnet_layer(l2, tc);
                            }});
    }
    return p;
  };
  return k;
}

uint32_t dim(const std::string& s, const std::string& text) {
  char* end = nullptr;
  const unsigned long v = std::strtoul(s.c_str(), &end, 10);
  if (s.empty() || *end || v < 1 || v > (1u << 24)) throw UsageError("bad size '" + s + "' in " + text + " (1 .. 2^24)");
  return static_cast<uint32_t>(v);
}

}  // namespace

const std::vector<CaseKind>& case_kinds() {
  static const std::vector<CaseKind> kinds{gemm_kind(), gemv_kind(), attention_kind(), bitnet_kind()};
  return kinds;
}

const CaseKind& kind_of(const Case& c) {
  for (const CaseKind& k : case_kinds())
    if (k.workload == c.workload) return k;
  std::string list;
  for (const CaseKind& k : case_kinds()) list += (list.empty() ? "" : ", ") + k.workload;
  throw UsageError("case '" + c.text + "': workload is one of " + list);
}

Case parse_case(const std::string& text) {
  Case c;
  c.text = text;
  std::vector<std::string> fields;
  for (size_t p = 0;;) {
    const size_t x = text.find(':', p);
    fields.push_back(text.substr(p, x == std::string::npos ? std::string::npos : x - p));
    if (x == std::string::npos) break;
    p = x + 1;
  }
  if (fields.size() < 3 || fields.size() > 4) throw UsageError("case '" + text + "': expected WORKLOAD:DTYPE:SHAPE[:FLAG]");
  c.workload = fields[0], c.dtype = fields[1];
  if (fields.size() == 4) c.flag = fields[3];
  const CaseKind& kind = kind_of(c);
  const std::string& shape = fields[2];
  for (size_t p = 0;;) {
    const size_t x = shape.find('x', p);
    c.dims.push_back(dim(shape.substr(p, x == std::string::npos ? std::string::npos : x - p), text));
    if (x == std::string::npos) break;
    p = x + 1;
  }
  kind.parse(c);
  return c;
}

}  // namespace tsgpu
