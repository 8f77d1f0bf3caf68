// BitNet b1.58 linear layer in the integer formulation of workloads/bitnet.c, written
// out step by step on the host.
#include <algorithm>
#include <cstdlib>

#include "workloads/bitnet/golden.h"
#include "workloads/host/golden/golden.h"
#include "workloads/host/golden/int8_gemm.h"
#include "workloads/host/golden/parallel.h"

namespace golden {
namespace {
int32_t sat32(int64_t v) { return static_cast<int32_t>(std::clamp<int64_t>(v, INT32_MIN, INT32_MAX)); }
int32_t mulq12(int32_t a, int32_t b) { return sat32((int64_t(a) * b + 2048) >> 12); }
int64_t round_away_shift(int64_t v, unsigned s) {
  const int64_t mag = v < 0 ? -v : v;
  const int64_t q = (mag + (int64_t(1) << (s - 1))) >> s;
  return v < 0 ? -q : q;
}
/// Token r's absmax a (1 if all zero) and its int8 activations xq.
int32_t quantize_row(const int32_t* x, uint32_t in, int8_t* xq) {
  int64_t a = 0;
  for (uint32_t i = 0; i < in; ++i) a = std::max<int64_t>(a, std::llabs(int64_t(x[i])));
  a = std::min<int64_t>(std::max<int64_t>(a, 1), INT32_MAX);
  const int64_t rcp = ((int64_t(1) << 24) + a / 2) / a;  // round(2^24 / a)
  const int32_t s = static_cast<int32_t>(static_cast<uint32_t>(127 * rcp));
  for (uint32_t i = 0; i < in; ++i) xq[i] = static_cast<int8_t>(std::clamp<int64_t>(round_away_shift(int64_t(x[i]) * s, 24), -128, 127));
  return static_cast<int32_t>(a);
}
}  // namespace

std::vector<int32_t> bitnet_linear(const std::vector<int32_t>& x, const std::vector<uint8_t>& w, uint32_t t, uint32_t in,
                                   uint32_t out, int32_t k, bool relu) {
  // The same steps as bitnet_linear_ref, with the ternary dot products as one int8 GEMM (exact:
  // the weights unpacked to -1/0/+1, sums wrapping mod 2^32 either way).
  std::vector<int8_t> xq(size_t(t) * in);
  std::vector<int32_t> amax(t);
  parallel_for(t, [&](uint64_t r) { amax[r] = quantize_row(&x[r * in], in, &xq[r * in]); });
  const std::vector<int8_t> wv = unpack_ternary(w, out, in);
  std::vector<int32_t> y(size_t(t) * out);
  gemm_i8_into(xq.data(), in, wv.data(), in, t, out, in, y.data(), out);
  parallel_for(t, [&](uint64_t r) {
    for (uint32_t o = 0; o < out; ++o) {
      int32_t& v = y[r * out + o];
      v = mulq12(mulq12(v, amax[r]), k);
      if (relu) v = std::max(v, 0);
    }
  });
  return y;
}

std::vector<int32_t> bitnet_linear_ref(const std::vector<int32_t>& x, const std::vector<uint8_t>& w, uint32_t t, uint32_t in,
                                       uint32_t out, int32_t k, bool relu) {
  const uint32_t wrow = (in + 3) / 4;
  std::vector<int32_t> y(size_t(t) * out);
  std::vector<int8_t> xq(in);
  for (uint32_t r = 0; r < t; ++r) {
    int64_t a = 0;
    for (uint32_t i = 0; i < in; ++i) a = std::max<int64_t>(a, std::llabs(int64_t(x[size_t(r) * in + i])));
    a = std::min<int64_t>(std::max<int64_t>(a, 1), INT32_MAX);
    const int64_t rcp = ((int64_t(1) << 24) + a / 2) / a;  // round(2^24 / a)
    const int32_t s = static_cast<int32_t>(static_cast<uint32_t>(127 * rcp));
    for (uint32_t i = 0; i < in; ++i)
      xq[i] = static_cast<int8_t>(std::clamp<int64_t>(round_away_shift(int64_t(x[size_t(r) * in + i]) * s, 24), -128, 127));
    for (uint32_t o = 0; o < out; ++o) {
      int64_t acc = 0;
      for (uint32_t i = 0; i < in; ++i) acc += xq[i] * ternary(w[size_t(o) * wrow + i / 4], i);
      int32_t v = mulq12(mulq12(static_cast<int32_t>(static_cast<uint32_t>(acc)), static_cast<int32_t>(a)), k);
      if (relu) v = std::max(v, 0);
      y[size_t(r) * out + o] = v;
    }
  }
  return y;
}

}  // namespace golden
