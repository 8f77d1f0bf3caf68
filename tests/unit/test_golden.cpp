// The golden models' fast versions (SIMD kernels, host threads) against their plain references,
// and the input generator's determinism: a fast path is only trusted next to its reference.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>

#include "workloads/attention/golden.h"
#include "workloads/bitnet/golden.h"
#include "workloads/host/golden/golden.h"
#include "workloads/host/golden/int8_gemm.h"
#include "workloads/host/inputs.h"
#include "workloads/host/workload.h"

using namespace golden;

namespace {
std::vector<int8_t> random_i8(size_t n, std::mt19937& rng, bool extremes) {
  std::vector<int8_t> v(n);
  for (auto& x : v) x = extremes ? (rng() % 2 ? -128 : 127) : static_cast<int8_t>(rng());
  return v;
}
}  // namespace

TEST_CASE("golden int8 GEMM: every kernel equals the plain loop (tails, extremes, wrap-around)", "[golden]") {
  std::mt19937 rng(5);
  for (const auto k : {GemmKernel::Portable, GemmKernel::Sse2, GemmKernel::Avx2}) {
    if (!gemm_kernel_available(k)) {
      WARN("kernel " << gemm_kernel_name(k) << " not available on this host: not tested here");
      continue;
    }
    for (int trial = 0; trial < 60; ++trial) {
      const uint32_t m = 1 + rng() % 19, n = 1 + rng() % 13, kk = 1 + rng() % (trial < 50 ? 100 : 3000);
      const bool extremes = trial % 3 == 0;  // all -128/127: no int16 saturation allowed anywhere
      const auto a = random_i8(size_t(m) * kk, rng, extremes), b = random_i8(size_t(n) * kk, rng, extremes);
      std::vector<int32_t> c(size_t(m) * n);
      gemm_i8_into(a.data(), kk, b.data(), kk, m, n, kk, c.data(), n, k, trial % 2 == 0);
      INFO("kernel " << gemm_kernel_name(k) << " m " << m << " n " << n << " k " << kk);
      REQUIRE(c == gemm_i8_ref(a, b, m, n, kk));
    }
  }
  // K large enough that int32 sums wrap: -128 x -128 x 2^17 = 2^31.
  const uint32_t kk = 1u << 17;
  const std::vector<int8_t> a(kk, -128), b(kk, -128);
  CHECK(gemm_i8(a, b, 1, 1, kk) == gemm_i8_ref(a, b, 1, 1, kk));
  CHECK(gemm_i8(a, b, 1, 1, kk)[0] == INT32_MIN);
}

TEST_CASE("golden int4 GEMM: fast equals reference (packed rows, odd k, every nibble)", "[golden]") {
  std::mt19937 rng(9);
  for (int trial = 0; trial < 40; ++trial) {
    const uint32_t m = 1 + rng() % 20, n = 1 + rng() % 20, k = 1 + rng() % 300, row = (k + 1) / 2;
    std::vector<uint8_t> a(size_t(m) * row), b(size_t(n) * row);
    for (auto& x : a) x = static_cast<uint8_t>(trial % 4 == 0 ? 0x88 : rng());  // -8 x -8 in some trials
    for (auto& x : b) x = static_cast<uint8_t>(trial % 4 == 0 ? 0x88 : rng());
    if (k % 2) {  // the nibble past k is padding: zero in the inputs the drivers make
      for (uint32_t r = 0; r < m; ++r) a[size_t(r) * row + row - 1] &= 0x0f;
      for (uint32_t r = 0; r < n; ++r) b[size_t(r) * row + row - 1] &= 0x0f;
    }
    INFO("m " << m << " n " << n << " k " << k);
    REQUIRE(gemm_s4(a, b, m, n, k) == gemm_s4_ref(a, b, m, n, k));
    if (trial % 4 == 0) CHECK(gemm_s4(a, b, m, n, k)[0] == 64 * int32_t(k));
  }
}

TEST_CASE("golden ternary GEMM and BitNet layer: fast equals reference (invalid code 2 included)", "[golden]") {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 40; ++trial) {
    const uint32_t m = 1 + rng() % 20, n = 1 + rng() % 20, k = 1 + rng() % 300, row = (k + 3) / 4;
    const auto a = random_i8(size_t(m) * k, rng, trial % 4 == 0);
    std::vector<uint8_t> w(size_t(n) * row);
    for (auto& x : w) x = static_cast<uint8_t>(rng());  // every code, 2 (invalid) too
    INFO("m " << m << " n " << n << " k " << k);
    REQUIRE(gemm_t2(a, w, m, n, k) == gemm_t2_ref(a, w, m, n, k));
    std::vector<int32_t> x(size_t(m) * k);
    for (auto& v : x) v = trial % 5 == 0 ? (rng() % 2 ? INT32_MIN : INT32_MAX) : int32_t(rng() % 20001) - 10000;
    const int32_t kq = int32_t(rng() % 5000);
    REQUIRE(bitnet_linear(x, w, m, k, n, kq, trial % 2) == bitnet_linear_ref(x, w, m, k, n, kq, trial % 2));
  }
}

TEST_CASE("golden attention: fast fixed point and float64 equal their references", "[golden]") {
  std::mt19937 rng(9);
  for (const AttentionShape s : {AttentionShape{1, 1, 50, 64, false}, AttentionShape{1, 2, 37, 128, true},
                                 AttentionShape{2, 1, 64, 64, true}, AttentionShape{1, 1, 16, 128, false},
                                 AttentionShape{1, 1, 300, 64, false}}) {
    const size_t n = size_t(s.batch) * s.heads * s.seq * s.dim;
    std::vector<int8_t> q(n), k(n), v(n);
    for (auto* t : {&q, &k, &v})
      for (auto& x : *t) x = static_cast<int8_t>(int(rng() % 255) - 127);
    const int32_t c = 1000 + int32_t(rng() % 3000), mul = 65793;
    INFO("seq " << s.seq << " dim " << s.dim << (s.causal ? " causal" : ""));
    REQUIRE(attention_fixed(s, q, k, v, c, mul, 24) == attention_fixed_ref(s, q, k, v, c, mul, 24));
    REQUIRE(attention_float(s, q, k, v, 0.0001) == attention_float_ref(s, q, k, v, 0.0001));
    std::vector<int8_t> both_fixed;
    std::vector<double> both_float;
    attention_both(s, q, k, v, c, mul, 24, 0.0001, both_fixed, both_float);
    REQUIRE(both_fixed == attention_fixed_ref(s, q, k, v, c, mul, 24));
    REQUIRE(both_float == attention_float_ref(s, q, k, v, 0.0001));
  }
}

TEST_CASE("workload inputs: a function of (seed, stream, index) only, with the intended distributions", "[golden]") {
  // Same seed: same tensor, whatever the thread count; a prefix is the shorter tensor.
  std::vector<int8_t> a(300001), b(300001), p(1001);
  setenv("TILESIM_HOST_THREADS", "1", 1);
  wl::fill_normal_i8(a.data(), a.size(), 30, -128, 127, 42, 3);
  setenv("TILESIM_HOST_THREADS", "3", 1);
  wl::fill_normal_i8(b.data(), b.size(), 30, -128, 127, 42, 3);
  unsetenv("TILESIM_HOST_THREADS");
  wl::fill_normal_i8(p.data(), p.size(), 30, -128, 127, 42, 3);
  CHECK(a == b);
  CHECK(std::equal(p.begin(), p.end(), a.begin()));
  wl::fill_normal_i8(b.data(), b.size(), 30, -128, 127, 43, 3);
  CHECK(a != b);  // another seed
  wl::fill_normal_i8(b.data(), b.size(), 30, -128, 127, 42, 4);
  CHECK(a != b);  // another stream
  double sum = 0, sq = 0;
  for (int8_t x : a) sum += x, sq += double(x) * x;
  const double mean = sum / a.size(), sd = std::sqrt(sq / a.size() - mean * mean);
  CHECK(std::abs(mean) < 0.3);
  CHECK(sd == Approx(30).epsilon(0.02));
  // Clamping: sigma 100 into [-127, 127] piles up at the ends, never beyond.
  wl::fill_normal_i8(b.data(), b.size(), 100, -127, 127, 1, 0);
  CHECK(*std::min_element(b.begin(), b.end()) == -127);
  CHECK(std::count(b.begin(), b.end(), 127) > 1000);
  // Ternary: codes 0 (1/2), 1 and 3 (1/4 each), never 2; codes past k are zero.
  const uint32_t rows = 100, k = 1001, prow = (k + 3) / 4;
  std::vector<uint8_t> t(rows * prow);
  wl::fill_ternary(t.data(), rows, k, 5, 0);
  uint64_t count[4] = {};
  for (uint32_t r = 0; r < rows; ++r) {
    for (uint32_t x = 0; x < k; ++x) ++count[(t[r * prow + x / 4] >> (2 * (x % 4))) & 3];
    CHECK((t[r * prow + prow - 1] >> 2) == 0);  // k % 4 == 1: only the first code of the last byte
  }
  CHECK(count[2] == 0);
  CHECK(double(count[0]) / (rows * k) == Approx(0.5).epsilon(0.03));
  CHECK(double(count[1]) / (rows * k) == Approx(0.25).epsilon(0.05));
  CHECK(double(count[3]) / (rows * k) == Approx(0.25).epsilon(0.05));
}

TEST_CASE("workload registry: every folder registered itself once, with a unique id and its options", "[workloads]") {
  std::vector<std::string> names;
  uint32_t last_id = 0;
  for (const auto& k : wl::workloads()) {
    names.push_back(k.name);
    CHECK(k.id > last_id);  // sorted, unique
    last_id = k.id;
    CHECK_FALSE(k.options.empty());
    CHECK(k.make);
  }
  CHECK(names == std::vector<std::string>{"gemm", "gemv", "bitnet", "attention"});
  const cfg::HwConfig chip;
  CHECK_THROWS_WITH(wl::make_workload("gemm", {{"seq", "4"}}, chip), "--seq does not apply to --workload gemm");
  CHECK_THROWS_WITH(wl::make_workload("conv", {}, chip), "unknown workload 'conv' (known: gemm, gemv, bitnet, attention)");
  CHECK(wl::make_workload("gemm", {{"dtype", "int4"}}, chip)->kernel() == "gemm_s4");
}
